/** Element commands: find by accessibility id, click, type, clear, read, displayed. */
import { errors, W3C_ELEMENT_KEY } from '@appium/base-driver';
import type { Element } from '@appium/types';
import type { ElementIdValue } from '../../../conformance-app/contract.js';
import type { Launch, ReferenceDevice } from '../reference-device.js';

export const ACCESSIBILITY_ID = 'accessibility id';

/**
 * A reference names a screen element, not one launch's widget: after a restart the same
 * screen is back and the reference works again (as XCUITest's lazily resolved elements do);
 * while the app is not running it is stale. Drivers whose references die with the launch
 * (UiAutomator2) make the specs find the three elements again, once.
 */
function elementRef(id: string): string {
  return `voltmx.${id}`;
}

function wrap(ref: string): Element {
  return { [W3C_ELEMENT_KEY]: ref, ELEMENT: ref } as Element;
}

export function findElements(device: ReferenceDevice, selector: string, multiple: boolean): Element | Element[] {
  const launch = device.current;
  // A mis-wired app: the widget exists but automation cannot find it by its accessibility id.
  const found = device.miswired.hideWidget === selector ? undefined : launch?.app.element(selector);
  if (!launch || !found) {
    if (multiple) return [];
    throw new errors.NoSuchElementError(`no element with accessibility id "${selector}" on the screen`);
  }
  const element = wrap(elementRef(found.id));
  return multiple ? [element] : element;
}

/** Resolves a reference to the running app and the element's accessibility id. */
function resolve(device: ReferenceDevice, ref: string): { launch: Launch; id: ElementIdValue } {
  const match = /^voltmx\.(.+)$/.exec(ref);
  if (!match) throw new errors.NoSuchElementError(`unknown element reference "${ref}"`);
  const launch = device.current;
  if (!launch) throw new errors.StaleElementReferenceError(`element "${match[1]}" is not on screen: the app is not running`);
  if (!launch.app.element(match[1]!)) throw new errors.NoSuchElementError(`unknown element reference "${ref}"`);
  return { launch, id: match[1] as ElementIdValue };
}

/** W3C sends keys as a string; older clients as an array of characters. */
function keysToText(keys: unknown): string {
  if (typeof keys === 'string') return keys;
  if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) return keys.join('');
  throw new errors.InvalidArgumentError('the text to type must be a string');
}

export function click(device: ReferenceDevice, ref: string): void {
  const { launch, id } = resolve(device, ref);
  launch.app.click(id);
}

export function setValue(device: ReferenceDevice, keys: unknown, ref: string): void {
  const { launch, id } = resolve(device, ref);
  if (launch.app.element(id)?.kind !== 'input') {
    throw new errors.ElementNotInteractableError(`element "${id}" does not accept text`);
  }
  launch.app.setValue(id, keysToText(keys));
}

export function clear(device: ReferenceDevice, ref: string): void {
  const { launch, id } = resolve(device, ref);
  if (launch.app.element(id)?.kind !== 'input') {
    throw new errors.InvalidElementStateError(`element "${id}" is not editable`);
  }
  launch.app.clear(id);
}

export function getText(device: ReferenceDevice, ref: string): string {
  const { launch, id } = resolve(device, ref);
  return launch.app.getText(id);
}

export function elementDisplayed(device: ReferenceDevice, ref: string): boolean {
  resolve(device, ref);
  return true;
}

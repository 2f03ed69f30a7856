/** Element commands: find by accessibility id, click, type, clear, read, displayed. */
import { errors, W3C_ELEMENT_KEY } from '@appium/base-driver';
import type { Element } from '@appium/types';
import type { ElementIdValue } from '../../../conformance-app/contract.js';
import { screenElement, xcuitestStaticText } from '../app-host/widgets.js';
import type { Launch, ReferenceDevice } from '../reference-device.js';

export const ACCESSIBILITY_ID = 'accessibility id';

/**
 * A reference names a screen element, not one launch's widget: after a restart the same
 * screen is back and the reference works again (as XCUITest's lazily resolved elements do);
 * while the app is not running (or its splash form stands) it is stale. Drivers whose
 * references die with the launch (UiAutomator2) make the specs find the three elements again, once.
 */
function elementRef(id: string): string {
  return `voltmx.${id}`;
}

function wrap(ref: string): Element {
  return { [W3C_ELEMENT_KEY]: ref, ELEMENT: ref } as Element;
}

export function findElements(device: ReferenceDevice, selector: string, multiple: boolean): Element | Element[] {
  const launch = device.onScreen;
  // A mis-wired app: the widget is there but automation cannot find it by its accessibility id.
  const found = launch && device.miswired.hideWidget !== selector ? screenElement(selector) : undefined;
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
  if (!match || !screenElement(match[1]!)) throw new errors.NoSuchElementError(`unknown element reference "${ref}"`);
  const launch = device.onScreen;
  if (!launch) throw new errors.StaleElementReferenceError(`element "${match[1]}" is not on screen: the app is not running or still shows its splash form`);
  return { launch, id: match[1] as ElementIdValue };
}

/** W3C sends keys as a string; older clients as an array of characters. */
function keysToText(keys: unknown): string {
  if (typeof keys === 'string') return keys;
  if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) return keys.join('');
  throw new errors.InvalidArgumentError('the text to type must be a string');
}

/** Shows a command with its passwords hidden, as the input reads back to automation. */
export function maskSecrets(text: string): string {
  return text.replace(/"(password|pass)"(\s*):(\s*)"(?:[^"\\]|\\.)*"/g, (_m, key: string, a: string, b: string) => `"${key}"${a}:${b}"•••"`);
}

/** A click on the input or the result only focuses it; the button's onClick runs the app. */
export function click(device: ReferenceDevice, ref: string): void {
  const { launch, id } = resolve(device, ref);
  if (screenElement(id)?.kind === 'button') launch.app.click(id);
}

/** Typing appends, as W3C Element Send Keys does, through the device's keyboard. */
export function setValue(device: ReferenceDevice, keys: unknown, ref: string): void {
  const { launch, id } = resolve(device, ref);
  if (screenElement(id)?.kind !== 'input') {
    throw new errors.ElementNotInteractableError(`element "${id}" does not accept text`);
  }
  launch.app.setText(id, launch.app.getText(id) + device.keyboard.type(keysToText(keys)));
}

export function clear(device: ReferenceDevice, ref: string): void {
  const { launch, id } = resolve(device, ref);
  if (screenElement(id)?.kind !== 'input') {
    throw new errors.InvalidElementStateError(`element "${id}" is not editable`);
  }
  launch.app.setText(id, '');
}

/** What the platform's driver reads: UiAutomator2 the text; XCUITest a static text's accessibility value, else label. */
export function readText(device: ReferenceDevice, launch: Launch, id: ElementIdValue): string {
  const kind = screenElement(id)?.kind;
  if (kind === 'input') return maskSecrets(launch.app.getText(id));
  const accessibility = device.platform === 'ios' && kind === 'text' ? launch.app.getAccessibility?.(id) : undefined;
  return accessibility ? xcuitestStaticText({ text: launch.app.getText(id), accessibilityConfig: accessibility }) : launch.app.getText(id);
}

export function getText(device: ReferenceDevice, ref: string): string {
  const { launch, id } = resolve(device, ref);
  return readText(device, launch, id);
}

export function elementDisplayed(device: ReferenceDevice, ref: string): boolean {
  resolve(device, ref);
  return true;
}

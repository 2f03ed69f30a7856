/**
 * The conformance app's logic: the one screen of contract.ts, written only against the
 * voltmx API shape (VoltmxRuntime), so the same code can sit behind a Volt MX form on a
 * device or behind the reference Appium driver. Buttons start their action and return at
 * once; the result element turns `done` when the action ends, as on a real device.
 */
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';
import { ElementId, type AppResult, type ElementIdValue } from './contract.js';
import { AppActionError } from './app-errors.js';
import { loadBase64, loadRawBytes, loadWithArguments, removeCertificate } from './load-actions.js';
import { sendHttpRequest, sendInvokeService } from './request-actions.js';
import { runApiCheck } from './api-checks.js';
import { findScreenElement, SCREEN, type ScreenElement } from './screen.js';

type Outcome = Record<string, unknown>;
type ActionRunner = () => Promise<Outcome> | Outcome;

/** The result's `action` where it differs from the button's id. */
const ACTION_NAMES: Partial<Record<ElementIdValue, string>> = {
  [ElementId.sendHttpRequest]: 'http-request',
  [ElementId.sendInvokeService]: 'invoke-service',
  [ElementId.runApiCheck]: 'api-check',
};

export class ConformanceApp {
  readonly #runtime: VoltmxRuntime;
  readonly #values = new Map<string, string>();
  readonly #pending = new Set<Promise<void>>();
  #seq = 0;
  #result: AppResult = { seq: 0, done: true, action: 'none' };

  constructor(runtime: VoltmxRuntime) {
    this.#runtime = runtime;
  }

  get elements(): readonly ScreenElement[] {
    return SCREEN;
  }

  element(id: string): ScreenElement | undefined {
    return findScreenElement(id);
  }

  /**
   * Inputs show their value, buttons their caption, the result element the AppResult JSON.
   * The password field shows dots, as Android and iOS password fields do to automation.
   */
  getText(id: ElementIdValue): string {
    const element = this.#require(id);
    if (id === ElementId.certPassword) return '•'.repeat((this.#values.get(id) ?? '').length);
    if (element.kind === 'input') return this.#values.get(id) ?? '';
    if (element.kind === 'button') return element.label;
    return JSON.stringify(this.#result);
  }

  /** Typing appends, as W3C Element Send Keys does (WebdriverIO's setValue clears first). */
  setValue(id: ElementIdValue, text: string): void {
    this.#requireInput(id);
    this.#values.set(id, (this.#values.get(id) ?? '') + text);
  }

  /** What an input holds, unmasked (the app's own view, never shown to automation). */
  valueOf(id: ElementIdValue): string {
    this.#requireInput(id);
    return this.#values.get(id) ?? '';
  }

  clear(id: ElementIdValue): void {
    this.#requireInput(id);
    this.#values.set(id, '');
  }

  /** A click on an input or the result only focuses it; a button starts its action. */
  click(id: ElementIdValue): void {
    const element = this.#require(id);
    if (element.kind !== 'button') return;
    const runner = this.#runnerFor(id);
    const action = ACTION_NAMES[id] ?? id;
    const seq = ++this.#seq;
    this.#result = { seq, action, done: false };
    const work = Promise.resolve()
      .then(runner)
      .then(
        (outcome) => this.#finish(seq, { seq, done: true, action, ...outcome } as AppResult),
        (error: unknown) => this.#finish(seq, { seq, done: true, action, appError: appErrorText(error) }),
      );
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }

  /** Waits for started actions (used when the app is closed, so nothing runs afterwards). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }

  #finish(seq: number, result: AppResult): void {
    // A later click owns the result element; a slow earlier action must not overwrite it.
    if (seq === this.#seq) this.#result = result;
  }

  #runnerFor(id: ElementIdValue): ActionRunner {
    const runtime = this.#runtime;
    const value = (key: ElementIdValue) => this.valueOf(key);
    const loadInputs = () => ({ source: value(ElementId.certSource), input: value(ElementId.certInput), password: value(ElementId.certPassword) });
    const requestInputs = () => ({ url: value(ElementId.targetUrl), method: value(ElementId.requestMethod), body: value(ElementId.requestBody) });
    switch (id) {
      case ElementId.loadRawBytes:
        return () => loadRawBytes(runtime, loadInputs());
      case ElementId.loadBase64:
        return () => loadBase64(runtime, loadInputs());
      case ElementId.loadWithArguments:
        return () => loadWithArguments(runtime, value(ElementId.loadArguments));
      case ElementId.removeCertificate:
        return () => removeCertificate(runtime);
      case ElementId.sendHttpRequest:
        return () => sendHttpRequest(runtime, requestInputs()) as Promise<Outcome>;
      case ElementId.sendInvokeService:
        return () => sendInvokeService(runtime, requestInputs()) as Promise<Outcome>;
      case ElementId.runApiCheck:
        return () => runApiCheck(runtime, value(ElementId.apiCheck), requestInputs()) as Promise<Outcome>;
      default:
        throw new AppActionError('APP_NOT_A_BUTTON', `${id} is not a button`);
    }
  }

  #require(id: string): ScreenElement {
    const element = findScreenElement(id);
    if (!element) throw new UnknownElementError(id);
    return element;
  }

  #requireInput(id: string): void {
    if (this.#require(id).kind !== 'input') throw new NotAnInputError(id);
  }
}

function appErrorText(error: unknown): string {
  if (error instanceof AppActionError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export class UnknownElementError extends Error {
  readonly code = 'APP_UNKNOWN_ELEMENT';
  constructor(id: string) {
    super(`the screen has no element "${id}"`);
    this.name = 'UnknownElementError';
  }
}

export class NotAnInputError extends Error {
  readonly code = 'APP_NOT_AN_INPUT';
  constructor(id: string) {
    super(`"${id}" does not accept text`);
    this.name = 'NotAnInputError';
  }
}

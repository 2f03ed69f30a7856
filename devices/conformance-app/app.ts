/**
 * The conformance app's logic: the three-widget screen of contract.ts, written only against
 * the voltmx API shape (VoltmxRuntime), so the same code can sit behind a Volt MX form on a
 * device or behind the reference Appium driver. `run` takes the command typed into `command`,
 * empties that input (so the next command is typed into an empty field: one set-value) and
 * returns at once; the result element turns `done` when the command ends, as on a device.
 */
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';
import { ElementId, type AppHost, type AppResult, type Command, type ElementIdValue, type StepResult } from './contract.js';
import { AppActionError } from './app-errors.js';
import { maskSecrets, parseCommand } from './command.js';
import { runCommand, type AppAbout } from './commands.js';
import { findScreenElement, SCREEN, type ScreenElement } from './screen.js';

export type { AppAbout };

export class ConformanceApp {
  readonly #runtime: VoltmxRuntime;
  readonly #about: AppAbout;
  readonly #host: AppHost;
  readonly #values = new Map<string, string>();
  readonly #pending = new Set<Promise<void>>();
  #seq = 0;
  #result: AppResult = { seq: 0, done: true, action: 'none' };

  /** `host`: the wiring's hooks for files bundled with the app (none: bundled loads fail). */
  constructor(runtime: VoltmxRuntime, about: AppAbout = { runtimeVersion: null, appVersion: null }, host: AppHost = {}) {
    this.#runtime = runtime;
    this.#about = about;
    this.#host = host;
  }

  get elements(): readonly ScreenElement[] {
    return SCREEN;
  }

  element(id: string): ScreenElement | undefined {
    return findScreenElement(id);
  }

  /** The command input shows its text (passwords as dots), the button its caption, the result its JSON. */
  getText(id: ElementIdValue): string {
    const element = this.#require(id);
    if (element.kind === 'input') return maskSecrets(this.#values.get(id) ?? '');
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

  /** A click on the input or the result only focuses it; `run` starts the typed command. */
  click(id: ElementIdValue): void {
    const element = this.#require(id);
    if (element.kind !== 'button') return;
    const text = this.valueOf(ElementId.command);
    this.clear(ElementId.command);
    const seq = ++this.#seq;
    let parsed: Command | Command[];
    try {
      parsed = parseCommand(text);
    } catch (error) {
      this.#result = { seq, done: true, action: 'none', appError: appErrorText(error) };
      return;
    }
    const action = Array.isArray(parsed) ? 'batch' : parsed.action;
    this.#result = { seq, action, done: false };
    const work = (Array.isArray(parsed) ? this.#batch(seq, parsed) : this.#step(seq, parsed)).then((result) => this.#finish(seq, result));
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }

  /** Waits for started commands (used when the app is closed, so nothing runs afterwards). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }

  async #step(seq: number, command: Command): Promise<StepResult> {
    const action = command.action;
    try {
      const outcome = await runCommand(this.#runtime, this.#about, this.#host, command);
      return { seq, done: true, action, ...outcome } as StepResult;
    } catch (error) {
      return { seq, done: true, action, appError: appErrorText(error) };
    }
  }

  /** Steps run one after the other, each seeing what the previous ones did. */
  async #batch(seq: number, commands: readonly Command[]): Promise<AppResult> {
    const results: StepResult[] = [];
    for (const command of commands) results.push(await this.#step(seq, command));
    return { seq, done: true, action: 'batch', results };
  }

  #finish(seq: number, result: AppResult): void {
    // A later run owns the result element; a slow earlier command must not overwrite it.
    if (seq === this.#seq) this.#result = result;
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

/**
 * The few Appium requests a command costs on one device session: the three elements are
 * found once per session and their references kept; a command is one set-value into
 * `command`, one click on `run`, and reads of `result` that back off until that run's `seq` is
 * done (bounded by the profile's action timeout). Pushed files are remembered by content, so
 * a bundle is pushed once per session; a restart with nothing run since the launch is skipped.
 */
import { createHash } from 'node:crypto';
import type { Browser } from 'webdriverio';
import { ElementId, type AppResult, type Command, type InfoResult } from '../../devices/conformance-app/contract.js';
import { pushPathFor } from '../../devices/profiles/push-layout.js';
import type { RunContextDevice } from '../../harness/run/run-context.js';
import { COMMAND_DAMAGED, encodeCommand } from '../../devices/app-kit/command-envelope.js';
import { ClientTimeoutError, CommandDamagedError, DeviceProtocolError, RuntimeSilentFailure, WidgetsMissingError } from './errors.js';

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
/** First read of the result after the click (per command of a batch), then doubling up to the cap. */
const FIRST_READ_MS = 30;
const MAX_READ_GAP_MS = 1_000;
/** The liveness check's trivial command gets this long at most (a live app answers info at once). */
const LIVENESS_TIMEOUT_MS = 10_000;

/**
 * The app's own deadline per command (`deadlineMs`) unless the profile sets one, well inside
 * the harness's action timeout: the app, which knows when the runtime has not called back, reports a silent
 * runtime itself (`timedOut`) while the harness is still waiting.
 */
export function appDeadlineMs(actionTimeoutMs: number): number {
  return Math.max(1, Math.floor((actionTimeoutMs * 3) / 4));
}
/** A command the keyboard damaged is typed again this many times. */
const TYPING_RETRIES = 2;
/** After a launch the widgets may not be there yet (a splash form): looked for again, doubling the gap up to this. */
const MAX_FIND_GAP_MS = 500;

type Refs = Record<'command' | 'run' | 'result', string>;

const sessions = new WeakMap<Browser, DeviceSession>();

export class DeviceSession {
  #refs: Refs | null = null;
  /** The last seq of the current launch; null: not known yet (read once). */
  #seq: number | null = null;
  /** Nothing has run since the app launched (a restart would change nothing). */
  #fresh = false;
  /** A fresh launch is wanted before the next command (startFresh): restarts only when a command follows. */
  #restartPending = false;
  readonly #pushed = new Map<string, string>();
  #info: InfoResult | null = null;

  private constructor(readonly browser: Browser, readonly device: RunContextDevice) {}

  static of(browser: Browser, device: RunContextDevice): DeviceSession {
    let session = sessions.get(browser);
    if (!session) {
      session = new DeviceSession(browser, device);
      sessions.set(browser, session);
    }
    return session;
  }

  /**
   * Runs one command (or a batch) and returns the done result of exactly that run. The command
   * is typed in the keyboard-safe envelope; one the keyboard damaged on the way (the app says
   * APP_COMMAND_DAMAGED) is typed again, and a device that keeps damaging it is an
   * infrastructure error, never a verdict.
   */
  async run(command: Command | readonly Command[], timeoutMs = this.device.actionTimeoutMs * (Array.isArray(command) ? Math.max(1, command.length) : 1)): Promise<AppResult> {
    try {
      return await this.#run(command, timeoutMs);
    } catch (error) {
      if (!(error instanceof ClientTimeoutError)) throw error;
      throw await this.#unanswered(error);
    }
  }

  /**
   * The run did not finish in time: is the app alive (it finishes a trivial command) while the
   * runtime never returned control (fail), or has the app or device stopped answering (error)?
   */
  async #unanswered(timeout: ClientTimeoutError): Promise<Error> {
    try {
      await this.#run({ action: 'info' }, Math.min(LIVENESS_TIMEOUT_MS, this.device.actionTimeoutMs));
    } catch (error) {
      return new ClientTimeoutError(timeout.timeoutMs, `${timeout.message}; the app then did not answer a trivial command either (${(error as Error).message.slice(0, 200)})`);
    }
    return new RuntimeSilentFailure(timeout.timeoutMs, `${timeout.message}; the app still answers (a trivial command finished), so the runtime under test never returned control`);
  }

  async #run(command: Command | readonly Command[], timeoutMs: number): Promise<AppResult> {
    if (this.#restartPending) await this.restart();
    const deadlineMs = this.device.appDeadlineMs ?? appDeadlineMs(this.device.actionTimeoutMs);
    const withDeadline = (c: Command): Command => ({ ...c, deadlineMs: c.deadlineMs ?? deadlineMs });
    const text = encodeCommand(Array.isArray(command) ? command.map(withDeadline) : withDeadline(command as Command));
    for (let attempt = 1; ; attempt++) {
      const result = await this.#runOnce(text, Array.isArray(command) ? command.length : 1, timeoutMs);
      const damage = 'appError' in result && typeof result.appError === 'string' && result.appError.startsWith(COMMAND_DAMAGED) ? result.appError : null;
      if (!damage) return result;
      if (attempt > TYPING_RETRIES) throw new CommandDamagedError(`${this.device.name}: the command arrived damaged ${attempt} times (${damage}); check the keyboard settings of the device (smart punctuation, autocorrect)`);
    }
  }

  async #runOnce(text: string, steps: number, timeoutMs: number): Promise<AppResult> {
    await this.#withRefs(async (refs) => {
      this.#seq ??= (await this.#read(refs)).seq;
      await this.browser.elementSendKeys(refs.command, text);
      await this.browser.elementClick(refs.run);
    });
    this.#fresh = false;
    const expected = this.#seq! + 1;
    this.#seq = expected;
    const deadline = Date.now() + timeoutMs;
    let gap = Math.min(FIRST_READ_MS * steps, MAX_READ_GAP_MS);
    for (;;) {
      await new Promise((r) => setTimeout(r, gap));
      const result = await this.#withRefs((refs) => this.#read(refs));
      if (result.seq === expected && result.done) return result;
      if (result.seq > expected) throw new DeviceProtocolError(`the result shows run ${result.seq}, after run ${expected}: ${JSON.stringify(result).slice(0, 300)}`);
      if (Date.now() >= deadline) {
        throw new ClientTimeoutError(timeoutMs, `${this.device.name}: run ${expected} did not finish within ${timeoutMs} ms (action timeout of the profile): ${JSON.stringify(result).slice(0, 300)}`);
      }
      // The last read falls on the deadline: the whole action timeout is given, never less.
      gap = Math.max(1, Math.min(gap * 2, MAX_READ_GAP_MS, deadline - Date.now()));
    }
  }

  /** The app's own account of itself, asked once per session. */
  async info(): Promise<InfoResult> {
    if (this.#info) return this.#info;
    const result = await this.run({ action: 'info' });
    if (result.action !== 'info' || !('dataDirectory' in result)) throw new DeviceProtocolError(`the app did not answer info: ${JSON.stringify(result)}`);
    this.#info = result;
    return result;
  }

  /** Puts bytes into the app's data directory (once per content), returns the path a command names. */
  async push(fileName: string, bytes: Uint8Array): Promise<string> {
    const { dataDirectory } = await this.info();
    const remote = pushPathFor(this.device.pushLayout, this.device.appId, fileName, dataDirectory);
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (this.#pushed.get(remote) !== digest) {
      await this.browser.pushFile(remote, Buffer.from(bytes).toString('base64'));
      this.#pushed.set(remote, digest);
    }
    return this.device.appPathTemplate.replace('{fileName}', fileName);
  }

  /** Ends the app launch and starts a new one; the sandbox (pushed files) stays, as on a phone. */
  async restart(): Promise<void> {
    this.#restartPending = false;
    if (this.#fresh) return;
    await this.browser.terminateApp(this.device.appId);
    await this.browser.activateApp(this.device.appId);
    this.#seq = 0;
    this.#fresh = true;
  }

  /**
   * The next command runs in a fresh launch. Lazy: a test that only reads results its block
   * already fetched costs nothing, and a launch nothing ran in is not restarted.
   */
  startFresh(): void {
    if (!this.#fresh) this.#restartPending = true;
  }

  /** Cancels startFresh: the test is about what survives in the current launch. */
  keepLaunch(): void {
    this.#restartPending = false;
  }

  async #read(refs: Refs): Promise<AppResult> {
    const text = await this.browser.getElementText(refs.result);
    try {
      return JSON.parse(text) as AppResult;
    } catch {
      throw new DeviceProtocolError(`the result element does not hold JSON: ${text.slice(0, 200)}`);
    }
  }

  /** Finds the elements once; a driver whose references go stale across launches gets them again, once. */
  async #withRefs<T>(work: (refs: Refs) => Promise<T>): Promise<T> {
    this.#refs ??= await this.#find();
    try {
      return await work(this.#refs);
    } catch (error) {
      if (!/stale element/i.test(`${(error as Error).name} ${(error as Error).message}`)) throw error;
      this.#refs = await this.#find();
      return work(this.#refs);
    }
  }

  /**
   * The three widgets; after a launch or restart a splash form may stand where they will be,
   * so a missing widget is looked for again until the profile's action timeout.
   */
  /** The widget still missing when the bounded wait ends (splash form included), or null once all three are found. */
  async missingWidget(): Promise<string | null> {
    try {
      this.#refs = await this.#find();
      return null;
    } catch (error) {
      if (error instanceof WidgetsMissingError) return error.id;
      throw error;
    }
  }

  async #find(): Promise<Refs> {
    const deadline = Date.now() + this.device.actionTimeoutMs;
    let gap = 50;
    for (;;) {
      const { refs, missing } = await this.#findOnce();
      if (refs) return refs;
      if (Date.now() + gap > deadline) throw new WidgetsMissingError(missing, `${this.device.name}: the app shows no element "${missing}" within ${this.device.actionTimeoutMs} ms of its launch; is the form wired with the accessibility ids command, run and result (docs/app-kit.md)?`);
      await new Promise((r) => setTimeout(r, gap));
      gap = Math.min(gap * 2, MAX_FIND_GAP_MS);
    }
  }

  async #findOnce(): Promise<{ refs: Refs | null; missing: string }> {
    const refs = {} as Refs;
    for (const id of [ElementId.command, ElementId.run, ElementId.result] as const) {
      const found = (await this.browser.findElement('accessibility id', id)) as unknown as Record<string, unknown>;
      const ref = found?.[ELEMENT_KEY];
      if (typeof ref !== 'string') return { refs: null, missing: id };
      refs[id] = ref;
    }
    return { refs, missing: '' };
  }
}

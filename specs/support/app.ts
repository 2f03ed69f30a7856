/**
 * Page object over the conformance app contract (devices/conformance-app/contract.ts): each
 * method is one command (typed into `command`, run, its result awaited), and `batch` runs
 * several as one. Records the client result and the server's observation as evidence.
 */
import { connect } from 'node:net';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'webdriverio';
import type { AppResult, Command, CertSource, InfoResult, LoadResult, ReadFileResult, StepResult } from '../../devices/conformance-app/contract.js';
import { recordEvidence, recordExchange } from '../../harness/run/evidence.js';
import type { RunContextBundle, RunContextBundledFile, RunContextDevice } from '../../harness/run/run-context.js';
import { currentBrowser, currentDevice, runContext } from './device.js';
import { DeviceSession } from './device-session.js';
import { AppNotBoundError, DeviceProtocolError, ServerUnavailableError } from './errors.js';
import { commandStep, pushedArguments, textInput, toExchange, type Exchange, type RequestApi, type Step } from './steps.js';

export type { Exchange, RequestApi, Step };
export type LoadVia = 'rawbytes' | 'base64';
export type CertSourceKind = CertSource;

export interface LoadOptions {
  via?: LoadVia; source?: CertSourceKind; password?: string;
  /** RawBytes only: the app calls .clear() on the RawBytes it passed, right after the call returns. */
  clearAfterLoad?: boolean;
}
export interface RequestOptions {
  api?: RequestApi; method?: 'GET' | 'POST'; path?: string; body?: string;
  /** Start the request and go on with the next step of the batch at once (the app's `concurrent`). */
  concurrent?: boolean;
  /** Send the request to this scenario's /redirect, which answers 302 to the scenario's own URL. */
  redirectFrom?: string;
}

type Results<T extends readonly Step<unknown>[]> = { -readonly [K in keyof T]: T[K] extends Step<infer R> ? R : never };

interface Binding { readonly browser: Browser; readonly device: RunContextDevice; readonly session: DeviceSession }

export class App {
  #binding: Binding | null = null;

  /** Bound to this worker's session now; App.unbound() waits for bind() (see use-app.ts). */
  constructor(browser?: Browser, device?: RunContextDevice, bindNow = true) {
    if (bindNow) this.bind(browser, device);
  }

  /**
   * An App bound later: while mocha collects a spec file the worker's `browser` is only a
   * stand-in (WebdriverIO starts the session afterwards), so useApp() binds it in `before`.
   */
  static unbound(): App {
    return new App(undefined, undefined, false);
  }

  bind(browser: Browser = currentBrowser(), device: RunContextDevice = currentDevice(browser)): this {
    this.#binding = { browser, device, session: DeviceSession.of(browser, device) };
    return this;
  }

  get browser(): Browser { return this.#bound().browser; }
  get device(): RunContextDevice { return this.#bound().device; }
  get session(): DeviceSession { return this.#bound().session; }

  #bound(): Binding {
    if (!this.#binding) throw new AppNotBoundError();
    return this.#binding;
  }

  bundle(name: string): RunContextBundle {
    const bundle = runContext(this.browser).bundles[name];
    if (!bundle) throw new Error(`no bundle ${name} in this run's PKI`);
    return bundle;
  }

  /**
   * A file the app ships under this bundle's name (`source: "bundled"`): the persistent PKI's
   * long-lived one on a run with its bundled set, else the run's own (harness/run/bundled-files.ts).
   */
  bundledFile(name: string): RunContextBundledFile {
    const file = runContext(this.browser).bundled.files[name];
    if (!file) throw new Error(`no bundled file ${name} in this run`);
    return file;
  }

  /** The app's own copy of a bundled file, as base64 (null: the app has no such file). */
  readBundledStep(name: string): Step<ReadFileResult> {
    return commandStep<ReadFileResult>({ action: 'read-file', source: 'bundled', input: this.bundledFile(name).fileName });
  }

  /** A URL of a scenario's server, as the device reaches the host. */
  url(scenario: string, path = '/whoami'): string {
    const origin = runContext(this.browser).origins[scenario];
    if (!origin) throw new Error(`scenario ${scenario} is not served in this run`);
    const url = new URL(path, origin);
    url.hostname = this.device.hostAlias;
    return url.href;
  }

  /** Runs the steps as one command (several: one batch, run in order by the app); their results in order. */
  async batch<T extends readonly Step<unknown>[]>(...steps: T): Promise<Results<T>> {
    const commands: Command[] = [];
    for (const step of steps) commands.push(await step.prepare(this.session));
    const result = await this.session.run(commands.length === 1 ? commands[0]! : commands);
    const results = stepResults(result, commands.length);
    const values: unknown[] = [];
    for (let i = 0; i < steps.length; i++) values.push(await steps[i]!.finish(results[i]!));
    return values as Results<T>;
  }

  /** One raw command; the app's result as it is. */
  async run<T extends StepResult = StepResult>(command: Command): Promise<T> {
    const [result] = await this.batch(commandStep<T>(command));
    return result;
  }

  /** What the app reports about itself (platform, versions, data and cache directories). */
  info(): Promise<InfoResult> {
    return this.session.info();
  }

  /**
   * Puts the bundle where the chosen source finds it and loads it. `bundled`: the file the app
   * ships under the bundle's file name, with its password (see bundledFile).
   */
  loadStep(bundleName: string, options: LoadOptions = {}): Step<LoadResult> {
    const { via = 'rawbytes', source = 'file' } = options;
    const bundle = source === 'bundled' ? this.bundledFile(bundleName) : this.bundle(bundleName);
    const password = options.password ?? bundle.password;
    const raw = via === 'rawbytes' && options.clearAfterLoad ? { clearAfterLoad: true } : {};
    return commandStep<LoadResult>(async (session) => {
      const action = via === 'rawbytes' ? 'load-rawbytes' : 'load-base64';
      if (source === 'url') return { action, source, input: this.url('no-client-auth', `/p12/${bundle.fileName}`), password, ...raw };
      if (source === 'bundled') return { action, source, input: bundle.fileName, password, ...raw };
      const bytes = await readFile(bundle.path);
      if (source === 'file') return { action, source, input: await session.push(bundle.fileName, bytes), password, ...raw };
      return { action, source, input: await textInput(session, bytes.toString('base64')), password, ...raw };
    });
  }

  async load(bundleName: string, options: LoadOptions = {}): Promise<LoadResult> {
    const [loaded] = await this.batch(this.loadStep(bundleName, options));
    return loaded;
  }

  /** loadClientCertificate(...args) with raw JSON arguments, for bad input (errors 100 / 101). */
  loadWithArgumentsStep(args: readonly unknown[]): Step<LoadResult> {
    return commandStep<LoadResult>(async (session) => ({ action: 'load-with-arguments', args: (await pushedArguments(session, args)) as unknown[] }));
  }

  async loadWithArguments(args: readonly unknown[]): Promise<LoadResult> {
    const [loaded] = await this.batch(this.loadWithArgumentsStep(args));
    return loaded;
  }

  /** voltmx.net.removeClientCertificate(). */
  removeStep(): Step<AppResult> {
    return commandStep<StepResult>({ action: 'remove-certificate' });
  }

  async remove(): Promise<AppResult> {
    const [removed] = await this.batch(this.removeStep());
    return removed;
  }

  /** One request through one of the two APIs; the exchange carries the server's observation. */
  requestStep(scenario: string, options: RequestOptions = {}): Step<Exchange> {
    const { api = 'http-request', method = 'GET' } = options;
    const path = options.path ?? (api === 'invoke-service' ? '/service' : '/whoami');
    const target = this.url(scenario, path);
    // Not percent-encoded: nginx's `return 302 $arg_to` sends the argument as it came.
    const url = options.redirectFrom ? this.url(options.redirectFrom, `/redirect?to=${target}`) : target;
    const concurrent = options.concurrent ? { concurrent: true } : {};
    return {
      prepare: async () => (api === 'http-request'
        ? { action: 'http-request', url, method, ...(options.body ? { body: options.body } : {}), ...concurrent }
        : { action: 'invoke-service', url, method, params: options.body ? JSON.parse(options.body) as Record<string, unknown> : {}, ...concurrent }),
      finish: async (result) => {
        recordEvidence({ scenario, clientResult: result });
        const exchange: Exchange = { ...toExchange(api, result), scenario };
        recordEvidence({ observation: exchange.observation });
        // The handshake transcript stays with the servers; the run attaches it by this id.
        const id = exchange.observation?.exchange;
        if (id) recordExchange({ scenario, exchange: id });
        // No HTTP answer at all: find out whether the judge is gone before blaming the client.
        if (!exchange.status) await assertServerUp(runContext(this.browser).origins[scenario]!);
        return exchange;
      },
    };
  }

  /** The app waits `ms` in the same launch (the idle command). */
  idleStep(ms: number): Step<StepResult> {
    return commandStep<StepResult>({ action: 'idle', ms });
  }

  async request(scenario: string, options: RequestOptions = {}): Promise<Exchange> {
    const [exchange] = await this.batch(this.requestStep(scenario, options));
    return exchange;
  }

  /**
   * Every test starts from a known state: useApp()'s beforeEach calls this, and the next
   * command runs in a fresh launch (restart is lazy, see DeviceSession.startFresh).
   */
  startFresh(): void {
    this.session.startFresh();
  }

  /** Ends the app launch and starts a new one (app lifetime), inside the same session. */
  async restart(): Promise<void> {
    await this.session.restart();
  }
}

function stepResults(result: AppResult, count: number): StepResult[] {
  if (count === 1) {
    if (result.action === 'batch' || !result.done) throw new DeviceProtocolError(`expected one command's result: ${JSON.stringify(result).slice(0, 300)}`);
    return [result as StepResult];
  }
  if (result.action === 'batch' && 'results' in result && result.results.length === count) return result.results;
  // The app refused the whole batch (e.g. APP_BAD_COMMAND): every step gets that answer.
  if ('appError' in result) return Array.from({ length: count }, () => result as StepResult);
  throw new DeviceProtocolError(`expected a batch of ${count} results: ${JSON.stringify(result).slice(0, 300)}`);
}

/** The servers run on this host: a plain TCP connect to 127.0.0.1 tells whether one is up. */
function assertServerUp(origin: string): Promise<void> {
  const port = Number(new URL(origin).port);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (error?: Error) => {
      socket.destroy();
      if (error) reject(new ServerUnavailableError(origin));
      else resolve();
    };
    socket.setTimeout(3_000, () => done(new Error('timeout')));
    socket.once('connect', () => done());
    socket.once('error', done);
  });
}

/**
 * Page object over the conformance app contract (devices/conformance-app/contract.ts): fills
 * inputs, presses a button, waits until the result of that press is `done`, and records the
 * client result and the server's observation as evidence for the report.
 */
import type { Browser } from 'webdriverio';
import {
  ElementId,
  type AppResult,
  type ElementIdValue,
  type HttpRequestResult,
  type InvokeServiceResultView,
  type LoadResult,
} from '../../devices/conformance-app/contract.js';
import { recordEvidence } from '../../harness/run/evidence.js';
import type { RunContextBundle, RunContextDevice } from '../../harness/run/run-context.js';
import type { ServerObservation } from '../../servers/fleet/types.js';
import { currentBrowser, currentDevice, runContext } from './device.js';
import { ClientTimeoutError, ServerUnavailableError } from './errors.js';
import { connect } from 'node:net';

export type LoadVia = 'rawbytes' | 'base64';
export type CertSourceKind = 'file' | 'base64' | 'url';
export type RequestApi = 'http-request' | 'invoke-service';

export interface Exchange {
  readonly status: number | null;
  /** What the server saw; null when no parsable observation came back. */
  readonly observation: ServerObservation | null;
  readonly result: HttpRequestResult | InvokeServiceResultView;
}

export class App {
  constructor(
    readonly browser: Browser = currentBrowser(),
    readonly device: RunContextDevice = currentDevice(browser),
    private readonly timeoutMs = 20_000,
  ) {}

  async fill(values: Partial<Record<ElementIdValue, string>>): Promise<void> {
    for (const [id, value] of Object.entries(values)) {
      const element = await this.browser.$(`~${id}`);
      await element.clearValue();
      if (value) await element.addValue(value);
    }
  }

  async result(): Promise<AppResult> {
    return JSON.parse(await (await this.browser.$(`~${ElementId.result}`)).getText()) as AppResult;
  }

  /** Presses a button and waits, as a user would, until that press's result is done. */
  async press(id: ElementIdValue): Promise<AppResult> {
    const before = (await this.result()).seq;
    await (await this.browser.$(`~${id}`)).click();
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const result = await this.result();
      if (result.seq > before && result.done) {
        recordEvidence({ clientResult: result });
        return result;
      }
      if (Date.now() > deadline) throw new ClientTimeoutError(`${id} did not finish within ${this.timeoutMs} ms: ${JSON.stringify(result)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  bundle(name: string): RunContextBundle {
    const bundle = runContext().bundles[name];
    if (!bundle) throw new Error(`no bundle ${name} in this run's PKI`);
    return bundle;
  }

  /** A URL of a scenario's server, as the device reaches the host. */
  url(scenario: string, path = '/whoami'): string {
    const origin = runContext().origins[scenario];
    if (!origin) throw new Error(`scenario ${scenario} is not served in this run`);
    const url = new URL(path, origin);
    url.hostname = this.device.hostAlias;
    return url.href;
  }

  /** Puts the bundle where the chosen source finds it and loads it; returns the LoadResult. */
  async load(bundleName: string, options: { via?: LoadVia; source?: CertSourceKind; password?: string } = {}): Promise<LoadResult> {
    const { via = 'rawbytes', source = 'file' } = options;
    const bundle = this.bundle(bundleName);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(bundle.path);
    let input: string;
    if (source === 'file') {
      await this.browser.pushFile(this.device.pushPathTemplate.replace('{fileName}', bundle.fileName), bytes.toString('base64'));
      input = this.device.appPathTemplate.replace('{fileName}', bundle.fileName);
    } else if (source === 'base64') input = bytes.toString('base64');
    else input = this.url('no-client-auth', `/p12/${bundle.fileName}`);
    await this.fill({ [ElementId.certSource]: source, [ElementId.certInput]: input, [ElementId.certPassword]: options.password ?? bundle.password });
    return (await this.press(via === 'rawbytes' ? ElementId.loadRawBytes : ElementId.loadBase64)) as LoadResult;
  }

  /** loadClientCertificate(...args) with raw JSON arguments, for bad input (errors 100 / 101). */
  async loadWithArguments(args: readonly unknown[]): Promise<LoadResult> {
    await this.fill({ [ElementId.loadArguments]: JSON.stringify(args) });
    return (await this.press(ElementId.loadWithArguments)) as LoadResult;
  }

  /** voltmx.net.removeClientCertificate(). */
  async remove(): Promise<AppResult> {
    return this.press(ElementId.removeCertificate);
  }

  /** Sends a request through one of the two APIs and reads the server's observation back. */
  async request(scenario: string, options: { api?: RequestApi; method?: 'GET' | 'POST'; path?: string; body?: string } = {}): Promise<Exchange> {
    const { api = 'http-request', method = 'GET' } = options;
    const path = options.path ?? (api === 'invoke-service' ? '/service' : '/whoami');
    await this.fill({ [ElementId.targetUrl]: this.url(scenario, path), [ElementId.requestMethod]: method, [ElementId.requestBody]: options.body ?? '' });
    recordEvidence({ scenario });
    const result = (await this.press(api === 'http-request' ? ElementId.sendHttpRequest : ElementId.sendInvokeService)) as HttpRequestResult | InvokeServiceResultView;
    const exchange = api === 'http-request' ? fromHttpRequest(result as HttpRequestResult) : fromInvoker(result as InvokeServiceResultView);
    recordEvidence({ observation: exchange.observation });
    // No HTTP answer at all: find out whether the judge is gone before blaming the client.
    if (!exchange.status) await assertServerUp(runContext().origins[scenario]);
    return exchange;
  }

  /** Ends the app launch and starts a new one (app lifetime). */
  async restart(): Promise<void> {
    await this.browser.terminateApp(this.device.appId);
    await this.browser.activateApp(this.device.appId);
  }
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

function parseObservation(text: unknown): ServerObservation | null {
  if (typeof text !== 'string') return null;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const candidate = (typeof value.observation === 'object' ? value.observation : value) as Record<string, unknown>;
    return typeof candidate?.verify === 'string' ? (candidate as unknown as ServerObservation) : null;
  } catch {
    return null;
  }
}

function fromHttpRequest(result: HttpRequestResult): Exchange {
  return { status: result.status ?? null, observation: parseObservation(result.body), result };
}

function fromInvoker(result: InvokeServiceResultView): Exchange {
  const table = result.result ?? {};
  const observation = (table as { observation?: ServerObservation }).observation;
  return {
    status: result.responsecode,
    observation: observation && typeof observation.verify === 'string' ? observation : null,
    result,
  };
}

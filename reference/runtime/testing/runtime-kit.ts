/**
 * Test support for the runtime tests: openssl-made identities and PKCS#12 files, judge
 * servers, and promise wrappers over the two request APIs.
 */
import { createStandardFixtures, type StandardFixtures } from '../../testing/openssl-pki.js';
import { JudgeServer, type JudgeOptions, type Seen } from '../../net/testing/judge-server.js';
import type { InvokeServiceResult, Platform, RuntimeOptions, VoltmxRuntime } from '../contract.js';
import type { ReferenceRuntime } from '../reference-runtime.js';

export interface Kit {
  readonly fixtures: StandardFixtures;
  /** clientRsaA (CN client-rsa-a), password PASS_A, OpenSSL 3 defaults. */
  readonly p12A: Buffer;
  /** clientEcB (CN client-ec-b), password PASS_B, -legacy. */
  readonly p12B: Buffer;
  judge(options?: Partial<JudgeOptions>): Promise<JudgeServer>;
  runtime(platform?: Platform): ReferenceRuntime;
  dispose(): Promise<void>;
}

export const PASS_A = 'pass-a';
export const PASS_B = 'pass-b';
export const CN_A = 'client-rsa-a';
export const CN_B = 'client-ec-b';

export async function createKit(factory: (options: RuntimeOptions) => ReferenceRuntime): Promise<Kit> {
  const fixtures = await createStandardFixtures();
  const [p12A, p12B] = await Promise.all([
    fixtures.pki.pkcs12({ identity: fixtures.clientRsaA, password: PASS_A }),
    fixtures.pki.pkcs12({ identity: fixtures.clientEcB, password: PASS_B, mode: 'legacy' }),
  ]);
  const judges: JudgeServer[] = [];
  const runtimes: VoltmxRuntime[] = [];
  return {
    fixtures,
    p12A,
    p12B,
    async judge(options = {}) {
      const judge = await JudgeServer.start({
        keyPem: fixtures.server.keyPem,
        certPem: fixtures.server.certPem,
        clientCas: [fixtures.caA.certPem, fixtures.caB.certPem],
        ...options,
      });
      judges.push(judge);
      return judge;
    },
    runtime(platform = 'android') {
      const runtime = factory({ platform, trust: { ca: [fixtures.caA.certPem] } });
      runtimes.push(runtime);
      return runtime;
    },
    async dispose() {
      await Promise.all(runtimes.map((r) => r.shutdown()));
      await Promise.all(judges.map((j) => j.close()));
      await fixtures.pki.dispose();
    },
  };
}

export interface HttpOutcome {
  readonly states: number[];
  readonly status: number;
  readonly statusText: string;
  readonly response: unknown;
}

/** One request through voltmx.net.HttpRequest; resolves at DONE. */
export function httpRequest(runtime: VoltmxRuntime, url: string, setup: {
  method?: string; responseType?: string; timeout?: number; body?: unknown; headers?: [string, string][];
} = {}): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const request = new runtime.net.HttpRequest();
    const states: number[] = [];
    request.onReadyStateChange = () => {
      states.push(request.readyState);
      if (request.readyState === 4) {
        resolve({ states, status: request.status, statusText: request.statusText, response: request.response });
      }
    };
    request.open(setup.method ?? 'GET', url);
    if (setup.responseType !== undefined) request.responseType = setup.responseType;
    if (setup.timeout !== undefined) request.timeout = setup.timeout;
    for (const [name, value] of setup.headers ?? []) request.setRequestHeader(name, value);
    request.send(setup.body);
  });
}

/** The judge's view of one HttpRequest (JSON body), or the failure code. */
export async function whoami(runtime: VoltmxRuntime, url: string): Promise<Seen> {
  const outcome = await httpRequest(runtime, url, { responseType: 'json' });
  if (outcome.status !== 200) throw new Error(`request failed: ${outcome.status} ${outcome.statusText}`);
  return outcome.response as Seen;
}

export interface InvokeOutcome {
  readonly statuses: number[];
  readonly result: InvokeServiceResult | null;
}

export function invoke(runtime: VoltmxRuntime, url: string, params: Record<string, unknown> = {}): Promise<InvokeOutcome> {
  return new Promise((resolve, reject) => {
    const statuses: number[] = [];
    const handle = runtime.net.invokeServiceAsync(url, params, (status, result) => {
      statuses.push(status);
      if (status === 300 || status === 400) resolve({ statuses, result });
    });
    if (!handle) reject(new Error('invokeServiceAsync returned null'));
  });
}

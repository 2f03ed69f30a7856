/**
 * Spec-only helpers over the run's identities: which bundle a device can load, and what the
 * SERVER must have observed. Verdicts come from the server's observation, never from the
 * client's own claims.
 */
import assert from 'node:assert/strict';
import type { IdentityName } from '../../servers/pki/types.js';
import type { RunContextIdentity } from '../../harness/run/run-context.js';
import type { LoadResult } from '../../devices/conformance-app/contract.js';
import { recordEvidence } from '../../harness/run/evidence.js';
import type { App, Exchange } from '../support/app.js';
import { runContext } from '../support/device.js';

export function identity(name: IdentityName): RunContextIdentity {
  const found = runContext().identities[name];
  if (!found) throw new Error(`no identity ${name} in this run's PKI`);
  return found;
}

/**
 * The bundle of `name` every device imports, so that a spec observes its own requirement and
 * not the PKCS#12 encoding: iOS 17 and earlier reject OpenSSL 3 default (AES) files while
 * current iOS accepts them (platform-facts §3; a fact about some versions, which
 * CA-PKCS12-MODERN checks on every iOS device, with a version-conditioned expectation in
 * expectations/ios.json), so iOS gets legacy ones; Android gets the modern encoding so that
 * most specs exercise it too.
 */
export function portableBundle(app: App, name: IdentityName | 'rsa-a+ec-b' | 'ec-b+rsa-a'): string {
  return `${name}.${app.device.platform === 'ios' ? 'legacy' : 'modern'}`;
}

/**
 * A batch runs every step before the spec judges any: each assertion helper first makes what
 * it judges the test's evidence, so a failure's report shows the exchange that failed.
 */
export function judging(judged: Exchange | LoadResult): void {
  if ('observation' in judged) recordEvidence({ observation: judged.observation, clientResult: judged.result, ...(judged.scenario ? { scenario: judged.scenario } : {}) });
  else recordEvidence({ clientResult: judged });
}

/** Loads a bundle and asserts the call returned true (a client failure otherwise). */
export async function mustLoad(app: App, bundle: string, options?: Parameters<App['load']>[1]): Promise<LoadResult> {
  const loaded = await app.load(bundle, options);
  assertLoaded(loaded, bundle);
  return loaded;
}

/** What mustLoad asserts, for a load that ran in a batch. */
export function assertLoaded(loaded: LoadResult, bundle: string): void {
  judging(loaded);
  assert.equal(loaded.returned, true, `loading ${bundle} did not return true: ${JSON.stringify(loaded)}`);
}

/** The call returned false: not thrown, not true. */
export function assertReturnedFalse(loaded: LoadResult, what: string): void {
  judging(loaded);
  assert.equal(loaded.thrown, undefined, `${what} threw instead of returning false: ${JSON.stringify(loaded)}`);
  assert.equal(loaded.returned, false, `${what} did not return false: ${JSON.stringify(loaded)}`);
}

/** The call threw the documented error code. */
export function assertThrew(loaded: LoadResult, errorCode: 100 | 101, what: string): void {
  judging(loaded);
  assert.equal(loaded.returned, undefined, `${what} returned instead of throwing ${errorCode}: ${JSON.stringify(loaded)}`);
  assert.equal(loaded.thrown?.errorCode, errorCode, `${what}: ${JSON.stringify(loaded)}`);
}

function describeExchange(exchange: Exchange): string {
  return `status ${exchange.status}, observation ${JSON.stringify(exchange.observation)}, client ${JSON.stringify(exchange.result)}`;
}

/** The server accepted the request and saw exactly this identity (verify SUCCESS). */
export function assertAccepted(exchange: Exchange, name: IdentityName): void {
  judging(exchange);
  const expected = identity(name);
  assert.equal(exchange.status, 200, `expected 200 with ${name}: ${describeExchange(exchange)}`);
  assert.equal(exchange.observation?.verify, 'SUCCESS', `expected verify SUCCESS with ${name}: ${describeExchange(exchange)}`);
  assert.equal(exchange.observation?.fingerprint, expected.fingerprint, `expected the server to see ${name}: ${describeExchange(exchange)}`);
}

/** The server saw this identity in the handshake, whatever it then judged. */
export function assertPresented(exchange: Exchange, name: IdentityName): void {
  judging(exchange);
  assert.equal(exchange.observation?.fingerprint, identity(name).fingerprint, `expected the server to see ${name}: ${describeExchange(exchange)}`);
}

/** The server received no certificate. `status` 200 for optional servers, 400 for requiring ones. */
export function assertNonePresented(exchange: Exchange, status: 200 | 400): void {
  judging(exchange);
  assert.equal(exchange.observation?.verify, 'NONE', `expected no certificate: ${describeExchange(exchange)}`);
  assert.equal(exchange.observation?.fingerprint, null, `expected no certificate: ${describeExchange(exchange)}`);
  assert.equal(exchange.status, status, `expected ${status}: ${describeExchange(exchange)}`);
  if (status === 400) assert.equal(errorOf(exchange), 'no-certificate', describeExchange(exchange));
}

/** The server saw this identity, refused it, and answered HTTP 400 certificate-error. */
export function assertRejected(exchange: Exchange, name: IdentityName): void {
  assertPresented(exchange, name);
  assert.equal(exchange.status, 400, `expected the server to refuse ${name} with 400: ${describeExchange(exchange)}`);
  assert.match(exchange.observation?.verify ?? '', /^FAILED:/, describeExchange(exchange));
  assert.equal(errorOf(exchange), 'certificate-error', describeExchange(exchange));
}

export function errorOf(exchange: Exchange): string | undefined {
  return (exchange.observation as { error?: string } | null)?.error;
}

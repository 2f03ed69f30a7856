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
import { versionMatches } from '../../harness/results/conditions.js';
import type { App, Exchange } from '../support/app.js';
import { runContext } from '../support/device.js';
import { assertAnswered } from '../support/steps.js';

export function identity(name: IdentityName): RunContextIdentity {
  const found = runContext().identities[name];
  if (!found) throw new Error(`no identity ${name} in this run's PKI`);
  return found;
}

/**
 * iOS versions whose SecPKCS12Import rejects OpenSSL 3 default (PBES2/AES, SHA-256 MAC) files
 * with -25293 (platform-facts §3: iOS 17 in public reports from 2026; current iOS accepts
 * them). The same condition as CA-PKCS12-MODERN's entry in expectations/ios.json.
 */
export const IOS_REJECTS_MODERN_PKCS12 = '<18';

/**
 * The bundle of `name` a spec loads when its requirement is not about the PKCS#12 encoding: the
 * OpenSSL 3 default (modern) one, as an app team's tooling makes it today, except on an iOS
 * version that rejects it (or an iOS device whose version the run does not know), which gets
 * the legacy one every iOS imports, so the spec observes its own requirement there too.
 * CA-PKCS12-MODERN and CA-PKCS12-LEGACY load their own encodings on every device.
 */
export function portableBundle(app: App, name: IdentityName | 'rsa-a+ec-b' | 'ec-b+rsa-a'): string {
  return `${name}.${portableEncoding(app.device.platform, platformVersionOf(app))}`;
}

/** The encoding portableBundle picks for a platform and version (null: unknown). */
export function portableEncoding(platform: 'android' | 'ios', version: string | null): 'modern' | 'legacy' {
  if (platform !== 'ios') return 'modern';
  return version === null || versionMatches(IOS_REJECTS_MODERN_PKCS12, version) ? 'legacy' : 'modern';
}

/** What the run asked for (appium:platformVersion), else what the session reports. */
function platformVersionOf(app: App): string | null {
  const browser = app.browser as unknown as { requestedCapabilities?: Record<string, unknown>; capabilities?: Record<string, unknown> };
  const version = browser.requestedCapabilities?.['appium:platformVersion'] ?? browser.capabilities?.['platformVersion'];
  return typeof version === 'string' && version !== '' ? version : null;
}

/**
 * A batch runs every step before the spec judges any: each assertion helper first makes what
 * it judges the test's evidence, so a failure's report shows the exchange that failed.
 */
export function judging(judged: Exchange | LoadResult): void {
  if ('observation' in judged) recordEvidence({ observation: judged.observation, clientResult: judged.result, ...(judged.scenario ? { scenario: judged.scenario } : {}) });
  else recordEvidence({ clientResult: judged });
  // A step the runtime never answered fails here, with its deadline, not as a missing field.
  if ('observation' in judged) assertAnswered(judged.result, judged.scenario ? `(${judged.scenario})` : '');
  else assertAnswered(judged);
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
  assertAcceptedAs(exchange, name, identity(name));
}

/** assertAccepted for an identity that is not the run's leaf of its name (a bundled file's, issued once). */
export function assertAcceptedAs(exchange: Exchange, name: string, expected: Pick<RunContextIdentity, 'fingerprint'>): void {
  judging(exchange);
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

/// <reference types="mocha" />
/**
 * Loading: RawBytes and base64, from the file system, an HTTP download and the files bundled
 * with the app, in the legacy and OpenSSL 3 default encodings. RawBytes are always the
 * platform's own, passed unchanged. A load counts only when the SERVER then sees the
 * identity: each test starts from a fresh app launch, so nothing earlier can stand in for it.
 */
import assert from 'node:assert/strict';
import { useApp } from './support/use-app.js';
import type { LoadResult, ReadFileResult } from '../devices/conformance-app/contract.js';
import type { Exchange, LoadOptions } from './support/app.js';
import { assertAccepted, assertAcceptedAs, assertLoaded, identity, judging, portableBundle } from './helpers/identities.js';
import { assertShipsBundledFile, bundledHooksMissing } from './helpers/bundled-files.js';
import { recordEvidence } from '../harness/run/evidence.js';
import { runContext } from './support/device.js';

describe('loading a client certificate', () => {
  const app = useApp(); // each test in a fresh launch: nothing loaded

  /** Each load then a request to the server of its root, in one batch; every load true, every server sees its identity. */
  async function loadsAccepted(loads: ReadonlyArray<{ bundle: string; options?: LoadOptions; scenario: string; identity: 'rsa-a' | 'ec-b' }>): Promise<void> {
    const results = await app.batch(...loads.flatMap((l) => [app.loadStep(l.bundle, l.options), app.requestStep(l.scenario)]));
    loads.forEach((l, i) => {
      assertLoaded(results[i * 2] as LoadResult, l.bundle);
      assertAccepted(results[i * 2 + 1] as Exchange, l.identity);
    });
  }

  it('[CA-LOAD-RAWBYTES] RawBytes from voltmx.io, convertToRawBytes and a rawdata download load, and the server sees each identity', async () => {
    await loadsAccepted([
      { bundle: portableBundle(app, 'rsa-a'), options: { via: 'rawbytes', source: 'file' }, scenario: 'required-a', identity: 'rsa-a' },
      { bundle: portableBundle(app, 'ec-b'), options: { via: 'rawbytes', source: 'base64' }, scenario: 'required-b', identity: 'ec-b' },
      { bundle: portableBundle(app, 'rsa-a'), options: { via: 'rawbytes', source: 'url' }, scenario: 'required-a', identity: 'rsa-a' },
    ]);
  });

  it('[CA-LOAD-BASE64] a base64 string loads, and the server sees the identity', async () => {
    await loadsAccepted([{ bundle: portableBundle(app, 'ec-b'), options: { via: 'base64', source: 'base64' }, scenario: 'required-b', identity: 'ec-b' }]);
  });

  it('[CA-LOAD-FROM-FILE] a .p12 pushed into the app sandbox loads as RawBytes and as base64', async () => {
    await loadsAccepted([
      { bundle: portableBundle(app, 'ec-b'), options: { via: 'rawbytes', source: 'file' }, scenario: 'required-b', identity: 'ec-b' },
      { bundle: portableBundle(app, 'rsa-a'), options: { via: 'base64', source: 'file' }, scenario: 'required-a', identity: 'rsa-a' },
    ]);
  });

  it('[CA-LOAD-FROM-HTTP] a .p12 downloaded over HTTPS loads as RawBytes and as base64', async () => {
    await loadsAccepted([
      { bundle: portableBundle(app, 'rsa-a'), options: { via: 'rawbytes', source: 'url' }, scenario: 'required-a', identity: 'rsa-a' },
      { bundle: portableBundle(app, 'ec-b'), options: { via: 'base64', source: 'url' }, scenario: 'required-b', identity: 'ec-b' },
    ]);
  });

  it('[CA-LOAD-RETURNS-TRUE] a successful load returns the boolean true and throws nothing', async () => {
    // RawBytes from a file: the base64 form and the download are behaviours of their own.
    const names = ['ec-b', 'rsa-a'] as const;
    const fromFile = { via: 'rawbytes', source: 'file' } as const;
    const [loadedB, loadedA, exchange] = await app.batch(
      app.loadStep(portableBundle(app, names[0]), fromFile),
      app.loadStep(portableBundle(app, names[1]), fromFile),
      app.requestStep('required-a'),
    );
    for (const [name, loaded] of [[names[0], loadedB], [names[1], loadedA]] as const) {
      judging(loaded);
      assert.equal(loaded.thrown, undefined, `${name}: ${JSON.stringify(loaded)}`);
      assert.strictEqual(loaded.returned, true, `${name}: ${JSON.stringify(loaded)}`);
    }
    assertAccepted(exchange, 'rsa-a');
  });

  // The encodings are loaded as RawBytes only: the base64 form is CA-LOAD-BASE64's behaviour.
  it('[CA-PKCS12-LEGACY] a legacy (3DES, SHA-1 MAC) PKCS#12 loads', async () => {
    await loadsAccepted([
      { bundle: 'rsa-a.legacy', scenario: 'required-a', identity: 'rsa-a' },
      { bundle: 'ec-b.legacy', options: { via: 'rawbytes', source: 'file' }, scenario: 'required-b', identity: 'ec-b' },
    ]);
  });

  // The caveat of platform-facts §3: older iOS rejects these files; such a device records an
  // expected failure for this ID in its expectations file rather than the spec bending.
  it('[CA-PKCS12-MODERN] an OpenSSL 3 default (PBES2, AES-256-CBC, SHA-256 MAC) PKCS#12 loads', async () => {
    await loadsAccepted([
      { bundle: 'rsa-a.modern', scenario: 'required-a', identity: 'rsa-a' },
      { bundle: 'ec-b.modern', options: { via: 'rawbytes', source: 'file' }, scenario: 'required-b', identity: 'ec-b' },
    ]);
  });

  it('[CA-LOAD-IMMEDIATE] a request started right after the load returns presents the new identity (no grace period)', async () => {
    // Every path (API x TLS version) right after the load, then each again: a path that presents
    // later must have presented at once. A path that never presents is a defect of that API or
    // TLS version (CA-BOTH-APIS, CA-TLS12, CA-TLS13), not of the load, so it is not judged here;
    // a load that is late on every path shows as nothing presented at all.
    const paths = (['tls13-required-a', 'tls12-required-a'] as const).flatMap((scenario) => (['invoke-service', 'http-request'] as const).map((api) => ({ scenario, api })));
    const [loaded, ...exchanges] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-a')),
      ...paths.map(({ scenario, api }) => app.requestStep(scenario, { api })),
      ...paths.map(({ scenario, api }) => app.requestStep(scenario, { api })),
    );
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    // A path whose request never ended (the app's deadline) presents nothing: its API's own
    // requirement judges the hang, not this one.
    const hung = (exchange: Exchange) => (exchange.result as { timedOut?: unknown } | null)?.timedOut === true;
    const presented = (exchange: Exchange) => {
      if (hung(exchange)) return false;
      judging(exchange);
      return exchange.observation?.fingerprint === identity('rsa-a').fingerprint;
    };
    const immediate = (i: number) => exchanges[i] as Exchange;
    const later = (i: number) => exchanges[paths.length + i] as Exchange;
    const working = paths.map((_, i) => presented(immediate(i)) || presented(later(i)));
    assert.ok(working.some(Boolean), `no request presented rsa-a, right after the load or later: ${JSON.stringify(exchanges.map((e) => (e as Exchange).observation))}`);
    paths.forEach(({ scenario, api }, i) => {
      if (!working[i]) return;
      assert.ok(presented(immediate(i)), `${api} to ${scenario} presented rsa-a later but not right after the load: ${JSON.stringify(immediate(i).observation)}`);
      assertAccepted(immediate(i), 'rsa-a');
    });
  });

  it('[CA-LOAD-COPIES-BYTES] clearing the RawBytes right after the load changes nothing presented later, on either API', async () => {
    const bundle = portableBundle(app, 'rsa-a');
    const [loaded, first, second] = await app.batch(
      app.loadStep(bundle, { via: 'rawbytes', source: 'file', clearAfterLoad: true }),
      app.requestStep('required-a'), app.requestStep('required-a', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, bundle);
    assertAccepted(first, 'rsa-a');
    assertAccepted(second, 'rsa-a');
  });

  // As the page has it: read with voltmx.io as RawBytes and loaded (the base64 form is CA-LOAD-BASE64's).
  // The files are the persistent PKI's bundled set on a run with one (what a real build ships), else the run's.
  it('[CA-LOAD-BUNDLED] a .p12 bundled with the app (Android: copied to the cache directory; iOS: in the bundle) loads as RawBytes, and the server sees the identity', async function () {
    const loads = [{ bundle: portableBundle(app, 'ec-b'), scenario: 'required-b' }, { bundle: portableBundle(app, 'rsa-a'), scenario: 'required-a' }];
    const files = loads.map((l) => app.bundledFile(l.bundle));
    // One batch: the app's copies first (a stale build is not judged), then each load and its request.
    const results = await app.batch(
      ...files.map((f) => app.readBundledStep(f.name)),
      ...loads.flatMap((l) => [app.loadStep(l.bundle, { via: 'rawbytes', source: 'bundled' }), app.requestStep(l.scenario)]),
    ) as unknown as ReadonlyArray<ReadFileResult | LoadResult | Exchange>;
    const hookless = bundledHooksMissing(results[0] as ReadFileResult);
    if (hookless) {
      recordEvidence({ skipReason: hookless });
      this.skip();
    }
    for (const [i, file] of files.entries()) await assertShipsBundledFile(results[i] as ReadFileResult, file, runContext().bundled.from);
    files.forEach((file, i) => {
      const at = files.length + i * 2;
      assertLoaded(results[at] as LoadResult, file.fileName);
      assertAcceptedAs(results[at + 1] as Exchange, `${file.identity} (bundled ${file.fileName})`, file.expected);
    });
  });
});

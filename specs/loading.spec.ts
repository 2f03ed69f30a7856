/// <reference types="mocha" />
/**
 * Loading: RawBytes and base64, from the file system and from an HTTP download, in the
 * legacy and OpenSSL 3 default encodings. A load counts only when the SERVER then sees the
 * identity: each test starts from a fresh app launch, so nothing earlier can stand in for it.
 */
import assert from 'node:assert/strict';
import { App } from './support/app.js';
import { assertAccepted, mustLoad, portableBundle } from './helpers/identities.js';

describe('loading a client certificate', () => {
  let app: App;

  before(() => {
    app = new App();
  });

  beforeEach(async () => {
    await app.restart(); // a fresh launch: nothing loaded
  });

  it('[CA-LOAD-RAWBYTES] RawBytes read from a file load, and the server sees the identity', async () => {
    await mustLoad(app, portableBundle(app, 'rsa-a'), { via: 'rawbytes', source: 'file' });
    assertAccepted(await app.request('required-a'), 'rsa-a');
  });

  it('[CA-LOAD-BASE64] a base64 string loads, and the server sees the identity', async () => {
    await mustLoad(app, portableBundle(app, 'ec-b'), { via: 'base64', source: 'base64' });
    assertAccepted(await app.request('required-b'), 'ec-b');
  });

  it('[CA-LOAD-FROM-FILE] a .p12 pushed into the app sandbox loads as RawBytes and as base64', async () => {
    await mustLoad(app, portableBundle(app, 'ec-b'), { via: 'rawbytes', source: 'file' });
    assertAccepted(await app.request('required-b'), 'ec-b');
    await mustLoad(app, portableBundle(app, 'rsa-a'), { via: 'base64', source: 'file' });
    assertAccepted(await app.request('required-a'), 'rsa-a');
  });

  it('[CA-LOAD-FROM-HTTP] a .p12 downloaded over HTTPS loads as RawBytes and as base64', async () => {
    await mustLoad(app, portableBundle(app, 'rsa-a'), { via: 'rawbytes', source: 'url' });
    assertAccepted(await app.request('required-a'), 'rsa-a');
    await mustLoad(app, portableBundle(app, 'ec-b'), { via: 'base64', source: 'url' });
    assertAccepted(await app.request('required-b'), 'ec-b');
  });

  it('[CA-LOAD-RETURNS-TRUE] a successful load returns the boolean true and throws nothing', async () => {
    // RawBytes from a file: the base64 form and the download are behaviours of their own.
    for (const name of ['ec-b', 'rsa-a'] as const) {
      const loaded = await app.load(portableBundle(app, name), { via: 'rawbytes', source: 'file' });
      assert.equal(loaded.thrown, undefined, `${name}: ${JSON.stringify(loaded)}`);
      assert.strictEqual(loaded.returned, true, `${name}: ${JSON.stringify(loaded)}`);
    }
    assertAccepted(await app.request('required-a'), 'rsa-a');
  });

  // The encodings are loaded as RawBytes only: the base64 form is CA-LOAD-BASE64's behaviour.
  it('[CA-PKCS12-LEGACY] a legacy (3DES, SHA-1 MAC) PKCS#12 loads', async () => {
    await mustLoad(app, 'rsa-a.legacy');
    assertAccepted(await app.request('required-a'), 'rsa-a');
    await mustLoad(app, 'ec-b.legacy', { via: 'rawbytes', source: 'file' });
    assertAccepted(await app.request('required-b'), 'ec-b');
  });

  // The caveat of platform-facts §3: older iOS rejects these files; such a device records an
  // expected failure for this ID in its expectations file rather than the spec bending.
  it('[CA-PKCS12-MODERN] an OpenSSL 3 default (PBES2, AES-256-CBC, SHA-256 MAC) PKCS#12 loads', async () => {
    await mustLoad(app, 'rsa-a.modern');
    assertAccepted(await app.request('required-a'), 'rsa-a');
    await mustLoad(app, 'ec-b.modern', { via: 'rawbytes', source: 'file' });
    assertAccepted(await app.request('required-b'), 'ec-b');
  });
});

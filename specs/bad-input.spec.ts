/// <reference types="mocha" />
/**
 * Bad input: bytes that are no usable PKCS#12 return false (never throw); arguments of the
 * wrong type throw 100 and a wrong argument count throws 101 (platform-facts §1). After each,
 * the server must still see no certificate: the fresh launch has nothing loaded.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { App } from './support/app.js';
import { runContext } from './support/device.js';
import { assertNonePresented, assertReturnedFalse, assertThrew, portableBundle } from './helpers/identities.js';
import { bundleBytes, keylessPkcs12, loadBase64Text, loadFileBytes } from './helpers/custom-input.js';

describe('bad input to loadClientCertificate', () => {
  let app: App;
  let bundle: string;
  let good: Buffer;
  let password: string;

  before(async () => {
    app = new App();
    bundle = portableBundle(app, 'rsa-a');
    good = await bundleBytes(app, bundle);
    password = app.bundle(bundle).password;
  });

  beforeEach(async () => {
    await app.restart(); // nothing loaded: a bad call that loads anyway shows in its own test
  });

  describe('bytes that are not a usable PKCS#12 return false', () => {
    it('[CA-BADINPUT-FALSE] a truncated PKCS#12 returns false', async () => {
      for (const length of [good.length - 1, Math.floor(good.length / 2), 16]) {
        assertReturnedFalse(await loadFileBytes(app, `truncated-${length}.p12`, good.subarray(0, length), password), `${length} of ${good.length} bytes`);
        assertReturnedFalse(await loadBase64Text(app, good.subarray(0, length).toString('base64'), password), `base64 of ${length} bytes`);
      }
      assertNonePresented(await app.request('required-a'), 400);
    });

    it('[CA-BADINPUT-FALSE] a corrupted PKCS#12 (bytes flipped inside) returns false', async () => {
      for (const at of [Math.floor(good.length / 3), Math.floor(good.length / 2), good.length - 8]) {
        const corrupt = Buffer.from(good);
        corrupt[at] = corrupt[at]! ^ 0xff;
        assertReturnedFalse(await loadFileBytes(app, `corrupt-${at}.p12`, corrupt, password), `a byte flipped at ${at}`);
      }
      assertNonePresented(await app.request('required-a'), 400);
    });

    it('[CA-BADINPUT-FALSE] a string that is not base64 returns false', async () => {
      const base64 = good.toString('base64');
      const invalid = [
        '%%% not base64 %%%',
        `${base64.slice(0, 100)}!*${base64.slice(100)}`,
        // docs/decisions.md D2, the catalog's decision: URL-safe alphabet and data: URIs are refused.
        base64.replace(/\+/g, '-').replace(/\//g, '_'),
        `data:application/x-pkcs12;base64,${base64}`,
      ];
      assert.ok(/[+/]/.test(base64), 'the bundle\'s base64 has + or /, so its URL-safe form differs');
      for (const text of invalid) assertReturnedFalse(await loadBase64Text(app, text, password), `cert "${text.slice(0, 40)}..."`);
      assertNonePresented(await app.request('required-a'), 400);
    });

    it('[CA-BADINPUT-FALSE] empty input returns false', async () => {
      assertReturnedFalse(await loadFileBytes(app, 'empty.p12', new Uint8Array(0), password), 'an empty file');
      assertReturnedFalse(await loadBase64Text(app, '', password), 'an empty string');
      assertNonePresented(await app.request('required-a'), 400);
    });

    it('[CA-PKCS12-FORMAT] a PEM certificate and random bytes are not PKCS#12: false', async () => {
      const pem = Buffer.from(runContext().serverCaPem, 'utf8');
      assertReturnedFalse(await loadFileBytes(app, 'certificate.pem', pem, password), 'a PEM certificate file');
      assertReturnedFalse(await loadBase64Text(app, pem.toString('base64'), password), 'base64 of a PEM certificate');
      const noise = randomBytes(2048);
      assertReturnedFalse(await loadFileBytes(app, 'noise.p12', noise, password), 'random bytes');
      assertReturnedFalse(await loadBase64Text(app, noise.toString('base64'), password), 'base64 of random bytes');
      assertNonePresented(await app.request('required-a'), 400);
    });

    it('[CA-PKCS12-NO-KEY] a PKCS#12 with a certificate and no private key returns false', async () => {
      const keyless = await keylessPkcs12(runContext().serverCaPem, 'keyless-pass');
      assertReturnedFalse(await loadFileBytes(app, 'keyless.p12', keyless, 'keyless-pass'), 'a key-less PKCS#12 (RawBytes)');
      assertReturnedFalse(await loadBase64Text(app, keyless.toString('base64'), 'keyless-pass'), 'a key-less PKCS#12 (base64)');
      assertNonePresented(await app.request('required-a'), 400);
    });
  });

  describe('wrong parameter types throw 100', () => {
    const cases: Array<[string, (cert: string) => unknown[]]> = [
      ['cert is a number', () => [{ cert: 12345, pass: 'x' }]],
      ['cert is null', () => [{ cert: null, pass: 'x' }]],
      ['cert is an object', () => [{ cert: { bytes: [1, 2, 3] }, pass: 'x' }]],
      ['pass is a number', (cert) => [{ cert, pass: 1234 }]],
      // docs/decisions.md D1, the catalog's decision: pass is required ("" for none).
      ['pass is missing', (cert) => [{ cert }]],
      ['the table is a string', (cert) => [cert]],
      ['the table is null', () => [null]],
      ['the table is a number', () => [42]],
    ];
    for (const [what, args] of cases) {
      it(`[CA-ERR-100] ${what}: throws 100`, async () => {
        assertThrew(await app.loadWithArguments(args(good.toString('base64'))), 100, what);
      });
    }
  });

  describe('a wrong number of arguments throws 101', () => {
    it('[CA-ERR-101] no argument: throws 101', async () => {
      assertThrew(await app.loadWithArguments([]), 101, 'loadClientCertificate()');
    });

    it('[CA-ERR-101] two arguments: throws 101, and the valid first one is not loaded', async () => {
      const table = { cert: good.toString('base64'), pass: password };
      assertThrew(await app.loadWithArguments([table, table]), 101, 'loadClientCertificate(table, table)');
      assertNonePresented(await app.request('required-a'), 400);
    });
  });
});

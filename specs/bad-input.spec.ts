/// <reference types="mocha" />
/**
 * Bad input: bytes that are no usable PKCS#12 return false (never throw); arguments of the
 * wrong type throw 100 and a wrong argument count throws 101 (platform-facts §1). After each,
 * the server must still see no certificate: the fresh launch has nothing loaded.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useApp } from './support/use-app.js';
import { runContext } from './support/device.js';
import { assertNonePresented, assertReturnedFalse, assertThrew, portableBundle } from './helpers/identities.js';
import { bundleBytes, keylessPkcs12, loadBase64TextStep, loadFileBytesStep } from './helpers/custom-input.js';
import type { LoadResult } from '../devices/conformance-app/contract.js';
import type { Exchange, Step } from './support/app.js';

describe('bad input to loadClientCertificate', () => {
  // Each test in a fresh launch, nothing loaded: a bad call that loads anyway shows in its own test.
  const app = useApp();
  let bundle: string;
  let good: Buffer;
  let password: string;

  before(async () => {
    bundle = portableBundle(app, 'rsa-a');
    good = await bundleBytes(app, bundle);
    password = app.bundle(bundle).password;
  });

  /** Every load in one batch, then the required-a request: each load false, nothing presented. */
  async function allFalseThenNone(loads: ReadonlyArray<[Step<LoadResult>, string]>): Promise<void> {
    const results = await app.batch(...loads.map(([step]) => step), app.requestStep('required-a'));
    loads.forEach(([, what], i) => assertReturnedFalse(results[i] as LoadResult, what));
    assertNonePresented(results[loads.length] as Exchange, 400);
  }

  describe('bytes that are not a usable PKCS#12 return false', () => {
    it('[CA-BADINPUT-FALSE] a truncated PKCS#12 returns false', async () => {
      await allFalseThenNone([good.length - 1, Math.floor(good.length / 2), 16].flatMap((length): Array<[Step<LoadResult>, string]> => [
        [loadFileBytesStep(`truncated-${length}.p12`, good.subarray(0, length), password), `${length} of ${good.length} bytes`],
        [loadBase64TextStep(good.subarray(0, length).toString('base64'), password), `base64 of ${length} bytes`],
      ]));
    });

    it('[CA-BADINPUT-FALSE] a corrupted PKCS#12 (bytes flipped inside) returns false', async () => {
      await allFalseThenNone([Math.floor(good.length / 3), Math.floor(good.length / 2), good.length - 8].map((at): [Step<LoadResult>, string] => {
        const corrupt = Buffer.from(good);
        corrupt[at] = corrupt[at]! ^ 0xff;
        return [loadFileBytesStep(`corrupt-${at}.p12`, corrupt, password), `a byte flipped at ${at}`];
      }));
    });

    // No reading of this text is a PKCS#12: a strict decoder refuses it, a lenient one (Android's
    // skips what is outside the alphabet) decodes "notbase64" into a few bytes of nothing.
    it('[CA-BADINPUT-FALSE] a string that is not base64 returns false', async () => {
      await allFalseThenNone([[loadBase64TextStep('%%% not base64 %%%', password), 'cert "%%% not base64 %%%"']]);
    });

    // docs/decisions.md D2, the catalog's decision (CA-BASE64-STRICT): what a lenient decoder would
    // still read as the file is refused.
    it('[CA-BASE64-STRICT] punctuation inside valid base64, the URL-safe alphabet and a data: URI return false', async () => {
      const base64 = good.toString('base64');
      const invalid = [
        `${base64.slice(0, 100)}!*${base64.slice(100)}`,
        base64.replace(/\+/g, '-').replace(/\//g, '_'),
        `data:application/x-pkcs12;base64,${base64}`,
      ];
      assert.ok(/[+/]/.test(base64), 'the bundle\'s base64 has + or /, so its URL-safe form differs');
      await allFalseThenNone(invalid.map((text): [Step<LoadResult>, string] => [loadBase64TextStep(text, password), `cert "${text.slice(0, 40)}..."`]));
    });

    it('[CA-BADINPUT-FALSE] empty input returns false', async () => {
      await allFalseThenNone([
        [loadFileBytesStep('empty.p12', new Uint8Array(0), password), 'an empty file'],
        [loadBase64TextStep('', password), 'an empty string'],
      ]);
    });

    it('[CA-PKCS12-FORMAT] a PEM certificate and random bytes are not PKCS#12: false', async () => {
      const pem = Buffer.from(runContext().serverCaPem, 'utf8');
      const noise = randomBytes(2048);
      await allFalseThenNone([
        [loadFileBytesStep('certificate.pem', pem, password), 'a PEM certificate file'],
        [loadBase64TextStep(pem.toString('base64'), password), 'base64 of a PEM certificate'],
        [loadFileBytesStep('noise.p12', noise, password), 'random bytes'],
        [loadBase64TextStep(noise.toString('base64'), password), 'base64 of random bytes'],
      ]);
    });

    it('[CA-PKCS12-NO-KEY] a PKCS#12 with a certificate and no private key returns false', async () => {
      const keyless = await keylessPkcs12(runContext().serverCaPem, 'keyless-pass');
      await allFalseThenNone([
        [loadFileBytesStep('keyless.p12', keyless, 'keyless-pass'), 'a key-less PKCS#12 (RawBytes)'],
        [loadBase64TextStep(keyless.toString('base64'), 'keyless-pass'), 'a key-less PKCS#12 (base64)'],
      ]);
    });
  });

  describe('wrong parameter types throw 100', () => {
    const cases: Array<[string, (cert: string) => unknown[]]> = [
      ['cert is a number', () => [{ cert: 12345, pass: 'x' }]],
      ['cert is null', () => [{ cert: null, pass: 'x' }]],
      ['cert is an object', () => [{ cert: { bytes: [1, 2, 3] }, pass: 'x' }]],
      ['pass is a number', (cert) => [{ cert, pass: 1234 }]],
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

  // docs/decisions.md D1, the catalog's decision: pass is required ("" for none). A Kony iOS
  // header reads a missing pass as "": such a runtime differs here, it is not wrong.
  it('[CA-PASS-REQUIRED] pass is missing: throws 100', async () => {
    assertThrew(await app.loadWithArguments([{ cert: good.toString('base64') }]), 100, 'pass is missing');
  });

  describe('a wrong number of arguments throws 101', () => {
    it('[CA-ERR-101] no argument: throws 101', async () => {
      assertThrew(await app.loadWithArguments([]), 101, 'loadClientCertificate()');
    });

    it('[CA-ERR-101] two arguments: throws 101, and the valid first one is not loaded', async () => {
      const table = { cert: good.toString('base64'), pass: password };
      const [threw, after] = await app.batch(app.loadWithArgumentsStep([table, table]), app.requestStep('required-a'));
      assertThrew(threw, 101, 'loadClientCertificate(table, table)');
      assertNonePresented(after, 400);
    });
  });
});

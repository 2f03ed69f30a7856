/// <reference types="mocha" />
/**
 * Passwords: the right one loads, a wrong one returns false (and nothing is presented), and a
 * file without a password loads with pass "". The previous certificate staying in force after
 * a wrong password is CA-FAILED-LOAD-KEEPS-OLD (replace.spec.ts).
 */
import assert from 'node:assert/strict';
import { useApp } from './support/use-app.js';
import type { LoadResult } from '../devices/conformance-app/contract.js';
import type { Exchange } from './support/app.js';
import { assertAccepted, assertLoaded, assertNonePresented, assertReturnedFalse, portableBundle } from './helpers/identities.js';
import { loadFileBytesStep, reencryptedBundle } from './helpers/custom-input.js';

describe('PKCS#12 passwords', () => {
  const app = useApp();

  it('[CA-PASSWORD-WRONG] a wrong password returns false and no certificate is presented', async () => {
    const bundle = portableBundle(app, 'rsa-a');
    const right = app.bundle(bundle).password;
    const attempts = [`${right}x`, '', 'wrong password'].flatMap((password) => (['rawbytes', 'base64'] as const).map((via) => ({ password, via })));
    for (const { password } of attempts) assert.notEqual(password, right);
    const results = await app.batch(...attempts.map(({ password, via }) => app.loadStep(bundle, { via, password })), app.requestStep('required-a'));
    attempts.forEach(({ via }, i) => assertReturnedFalse(results[i] as LoadResult, `${via} with a wrong password`));
    assertNonePresented(results[attempts.length] as Exchange, 400);
  });

  it('[CA-PASSWORD-WRONG] a password given for a password-less file returns false', async () => {
    const [loaded, exchange] = await app.batch(app.loadStep('rsa-a.empty-password', { password: 'not-the-password' }), app.requestStep('required-a'));
    assertReturnedFalse(loaded, 'a password for an empty-password file');
    assertNonePresented(exchange, 400);
  });

  it('[CA-PASSWORD-EMPTY] a PKCS#12 encrypted with the empty password loads with pass ""', async () => {
    assert.equal(app.bundle('rsa-a.empty-password').password, '');
    const [loadedA, withA, loadedB, withB] = await app.batch(
      app.loadStep('rsa-a.empty-password', { password: '' }), app.requestStep('required-a'),
      app.loadStep('ec-b.empty-password', { password: '' }), app.requestStep('required-b'),
    );
    assertLoaded(loadedA, 'rsa-a.empty-password');
    assertAccepted(withA, 'rsa-a');
    assertLoaded(loadedB, 'ec-b.empty-password');
    assertAccepted(withB, 'ec-b');
  });

  // The catalog's decision (Apple documents that it imports no PKCS#12 data without a password).
  it('[CA-PKCS12-UNENCRYPTED] an unencrypted PKCS#12 loads with pass ""', async () => {
    assert.equal(app.bundle('ec-b.unencrypted').password, '');
    const [loaded, exchange] = await app.batch(app.loadStep('ec-b.unencrypted', { password: '' }), app.requestStep('required-b'));
    assertLoaded(loaded, 'ec-b.unencrypted');
    assertAccepted(exchange, 'ec-b');
  });

  // Passwords of the documented kinds, each on its own file made at test time by openssl.
  async function loadsWithPassword(password: string, tag: string): Promise<void> {
    const bundle = portableBundle(app, 'rsa-a');
    const bytes = await reencryptedBundle(app, bundle, password);
    const [loaded, exchange] = await app.batch(loadFileBytesStep(`${bundle}.${tag}.p12`, bytes, password), app.requestStep('required-a'));
    assertLoaded(loaded, `${bundle} under a ${tag} password`);
    assertAccepted(exchange, 'rsa-a');
  }

  it('[CA-PASSWORD-ASCII] an ASCII password with spaces and punctuation loads', async () => {
    await loadsWithPassword('Pass word: "quoted" & 100% {ok}!', 'ascii');
  });

  it('[CA-PASSWORD-NON-ASCII] a non-ASCII password (UTF-8 text, encoded as RFC 7292 requires) loads', async () => {
    await loadsWithPassword('pässwörd-€-日本-🔑', 'non-ascii');
  });
});

/// <reference types="mocha" />
/**
 * Passwords: the right one loads, a wrong one returns false (and nothing is presented), and a
 * file without a password loads with pass "". The previous certificate staying in force after
 * a wrong password is CA-FAILED-LOAD-KEEPS-OLD (replace.spec.ts).
 */
import assert from 'node:assert/strict';
import { App } from './support/app.js';
import { assertAccepted, assertNonePresented, assertReturnedFalse, mustLoad, portableBundle } from './helpers/identities.js';

describe('PKCS#12 passwords', () => {
  let app: App;

  before(() => {
    app = new App();
  });

  beforeEach(async () => {
    await app.restart();
  });

  it('[CA-PASSWORD-WRONG] a wrong password returns false and no certificate is presented', async () => {
    const bundle = portableBundle(app, 'rsa-a');
    const right = app.bundle(bundle).password;
    for (const password of [`${right}x`, '', 'wrong password']) {
      assert.notEqual(password, right);
      for (const via of ['rawbytes', 'base64'] as const) {
        assertReturnedFalse(await app.load(bundle, { via, password }), `${via} with a wrong password`);
      }
    }
    assertNonePresented(await app.request('required-a'), 400);
  });

  it('[CA-PASSWORD-WRONG] a password given for a password-less file returns false', async () => {
    assertReturnedFalse(await app.load('rsa-a.empty-password', { password: 'not-the-password' }), 'a password for an empty-password file');
    assertNonePresented(await app.request('required-a'), 400);
  });

  it('[CA-PASSWORD-EMPTY] a PKCS#12 encrypted with the empty password loads with pass ""', async () => {
    assert.equal(app.bundle('rsa-a.empty-password').password, '');
    await mustLoad(app, 'rsa-a.empty-password', { password: '' });
    assertAccepted(await app.request('required-a'), 'rsa-a');
    await mustLoad(app, 'ec-b.empty-password', { password: '' });
    assertAccepted(await app.request('required-b'), 'ec-b');
  });

  it('[CA-PASSWORD-EMPTY] an unencrypted PKCS#12 loads with pass ""', async () => {
    assert.equal(app.bundle('ec-b.unencrypted').password, '');
    await mustLoad(app, 'ec-b.unencrypted', { password: '' });
    assertAccepted(await app.request('required-b'), 'ec-b');
  });
});

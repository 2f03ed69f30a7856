/// <reference types="mocha" />
/**
 * Replacement: a successful load replaces the previous certificate for the next handshake,
 * also over a kept-alive connection and against a server that resumes TLS sessions; a failed
 * load leaves the previous one in force. Judged by what the server saw.
 */
import assert from 'node:assert/strict';
import type { IdentityName } from '../servers/pki/types.js';
import { App } from './support/app.js';
import { assertAccepted, assertPresented, assertReturnedFalse, assertThrew, identity, mustLoad, portableBundle } from './helpers/identities.js';
import { bundleBytes, loadBase64Text, loadFileBytes } from './helpers/custom-input.js';

describe('replacing the client certificate', () => {
  let app: App;

  before(() => {
    app = new App();
  });

  beforeEach(async () => {
    await app.restart();
  });

  const load = (name: IdentityName) => mustLoad(app, portableBundle(app, name));

  it('[CA-REPLACE] rsa-a, then ec-b, then rsa-a again: each server sees the identity loaded last', async () => {
    await load('rsa-a');
    assertAccepted(await app.request('required-a'), 'rsa-a');
    await load('ec-b');
    assertAccepted(await app.request('required-b'), 'ec-b');
    const old = await app.request('required-a');
    assert.notEqual(old.observation?.fingerprint, identity('rsa-a').fingerprint, `required-a still sees the replaced rsa-a: ${JSON.stringify(old.observation)}`);
    assert.equal(old.status, 400);
    await load('rsa-a');
    assertAccepted(await app.request('required-a'), 'rsa-a');
  });

  it('[CA-REPLACE] a server trusting both roots sees each new identity, through both APIs', async () => {
    for (const name of ['rsa-a', 'ec-b', 'rsa-a'] as const) {
      await load(name);
      assertAccepted(await app.request('required-a-or-b'), name);
      const invoked = await app.request('required-a-or-b', { api: 'invoke-service' });
      assertAccepted(invoked, name);
    }
  });

  it('[CA-REPLACE-KEEPALIVE] two requests in a row, a replacement, then the same server sees the new identity', async () => {
    await load('rsa-a');
    assertAccepted(await app.request('required-a-or-b'), 'rsa-a');
    assertAccepted(await app.request('required-a-or-b'), 'rsa-a'); // likely over the kept-alive connection
    await load('ec-b');
    assertAccepted(await app.request('required-a-or-b'), 'ec-b');
    assertAccepted(await app.request('required-a-or-b'), 'ec-b');
    await load('rsa-a');
    assertAccepted(await app.request('required-a-or-b'), 'rsa-a');
  });

  it('[CA-REPLACE-KEEPALIVE] the service invoker does not reuse a connection made with the old identity either', async () => {
    await load('ec-b');
    assertAccepted(await app.request('required-a-or-b', { api: 'invoke-service' }), 'ec-b');
    assertAccepted(await app.request('required-a-or-b', { api: 'invoke-service' }), 'ec-b');
    await load('rsa-a');
    assertAccepted(await app.request('required-a-or-b', { api: 'invoke-service' }), 'rsa-a');
  });

  it('[CA-REPLACE-RESUMPTION] a server that resumes sessions sees the new identity, never a resumed old one', async () => {
    const sequence = ['rsa-a', 'ec-b', 'rsa-a'] as const;
    let previous: IdentityName | null = null;
    for (const name of sequence) {
      await load(name);
      for (let i = 0; i < 2; i += 1) {
        const exchange = await app.request('resumption-required-a-or-b');
        const seen = JSON.stringify(exchange.observation);
        if (previous && exchange.observation?.sessionReused) {
          assert.notEqual(exchange.observation.fingerprint, identity(previous).fingerprint, `a session of the replaced ${previous} was resumed: ${seen}`);
        }
        assertAccepted(exchange, name);
        // The catalog asks for a full handshake after each replacement (sessionReused false),
        // even when going back to an identity that had a session before.
        if (i === 0 && previous) assert.equal(exchange.observation?.sessionReused, false, `the first request after replacing ${previous} resumed a session: ${seen}`);
      }
      previous = name;
    }
  });

  describe('a failed load leaves the previous certificate in force', () => {
    it('[CA-FAILED-LOAD-KEEPS-OLD] a wrong password: false, and the server still sees the old identity', async () => {
      await load('rsa-a');
      assertAccepted(await app.request('required-a-or-b'), 'rsa-a');
      const ecB = portableBundle(app, 'ec-b');
      assertReturnedFalse(await app.load(ecB, { password: `${app.bundle(ecB).password}-wrong` }), 'ec-b with a wrong password');
      assertAccepted(await app.request('required-a-or-b'), 'rsa-a');
      assertAccepted(await app.request('required-a'), 'rsa-a');
    });

    it('[CA-FAILED-LOAD-KEEPS-OLD] corrupt bytes and invalid base64: false, and the server still sees the old identity', async () => {
      await load('ec-b');
      assertAccepted(await app.request('required-a-or-b'), 'ec-b');
      const rsaA = portableBundle(app, 'rsa-a');
      const bytes = await bundleBytes(app, rsaA);
      const password = app.bundle(rsaA).password;
      assertReturnedFalse(await loadFileBytes(app, 'half.p12', bytes.subarray(0, bytes.length >> 1), password), 'a truncated rsa-a');
      assertPresented(await app.request('required-a-or-b'), 'ec-b');
      assertReturnedFalse(await loadBase64Text(app, '%%% not base64 %%%', password), 'invalid base64');
      assertAccepted(await app.request('required-a-or-b'), 'ec-b');
      assertAccepted(await app.request('required-b'), 'ec-b');
    });

    it('[CA-FAILED-LOAD-KEEPS-OLD] a call that throws (100, 101) leaves the old identity in force', async () => {
      await load('rsa-a');
      const ecB = portableBundle(app, 'ec-b');
      const cert = (await bundleBytes(app, ecB)).toString('base64');
      assertThrew(await app.loadWithArguments([{ cert, pass: 5 }]), 100, 'pass of the wrong type');
      assertThrew(await app.loadWithArguments([{ cert, pass: app.bundle(ecB).password }, {}]), 101, 'two arguments');
      assertAccepted(await app.request('required-a-or-b'), 'rsa-a');
    });
  });
});

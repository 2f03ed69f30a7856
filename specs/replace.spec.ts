/// <reference types="mocha" />
/**
 * Replacement: a successful load replaces the previous certificate for the next handshake,
 * also over a kept-alive connection and against a server that resumes TLS sessions; a failed
 * load leaves the previous one in force. Judged by what the server saw (the identity, and for
 * keep-alive its connectionRequests count: 1 on a new connection).
 */
import assert from 'node:assert/strict';
import type { IdentityName } from '../servers/pki/types.js';
import { App, type RequestApi } from './support/app.js';
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

  /**
   * Precondition: two requests in a row with no replacement, the second over the first's
   * connection (server connectionRequests 2). A client that never reuses a connection cannot
   * show the behaviour (it holds trivially), so the test is skipped rather than passed.
   */
  async function keptAlive(test: Mocha.Context, name: IdentityName, api: RequestApi): Promise<void> {
    assertAccepted(await app.request('required-a-or-b', { api }), name);
    const second = await app.request('required-a-or-b', { api });
    assertAccepted(second, name);
    if (second.observation!.connectionRequests < 2) test.skip();
  }

  /** The first request after load() arrives on a new connection, with the new identity. */
  async function freshConnection(name: IdentityName, api: RequestApi): Promise<void> {
    const first = await app.request('required-a-or-b', { api });
    assertAccepted(first, name);
    assert.equal(first.observation?.connectionRequests, 1,
      `the first request after loading ${name} came over a kept-alive connection: ${JSON.stringify(first.observation)}`);
  }

  it('[CA-REPLACE-KEEPALIVE] a kept-alive connection is not reused after a replacement: a new connection, the new identity', async function () {
    await load('rsa-a');
    await keptAlive(this, 'rsa-a', 'http-request');
    await load('ec-b');
    await freshConnection('ec-b', 'http-request');
    assertAccepted(await app.request('required-a-or-b'), 'ec-b');
    await load('rsa-a');
    await freshConnection('rsa-a', 'http-request');
  });

  it('[CA-REPLACE-KEEPALIVE] the service invoker does not reuse a connection made with the old identity either', async function () {
    await load('ec-b');
    await keptAlive(this, 'ec-b', 'invoke-service');
    await load('rsa-a');
    await freshConnection('rsa-a', 'invoke-service');
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

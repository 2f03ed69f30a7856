/// <reference types="mocha" />
/**
 * Replacement: a successful load replaces the previous certificate for the next handshake
 * (CA-REPLACE, judged on new connections only), also where a connection made with the old
 * identity is kept alive (CA-REPLACE-KEEPALIVE, only for a client that keeps connections
 * alive) and against a server that resumes TLS sessions (CA-REPLACE-RESUMPTION); a failed load
 * leaves the previous one in force. Judged by what the server saw (the identity, and the
 * connectionRequests count: 1 on a new connection).
 */
import assert from 'node:assert/strict';
import type { IdentityName } from '../servers/pki/types.js';
import type { LoadResult } from '../devices/conformance-app/contract.js';
import type { Exchange } from './support/app.js';
import { useApp } from './support/use-app.js';
import { assertAccepted, assertLoaded, assertPresented, assertReturnedFalse, assertThrew, identity, judging, portableBundle } from './helpers/identities.js';
import { bundleBytes, loadBase64TextStep, loadFileBytesStep } from './helpers/custom-input.js';

describe('replacing the client certificate', () => {
  const app = useApp();

  const load = (name: IdentityName) => app.loadStep(portableBundle(app, name));
  const loaded = (result: LoadResult, name: IdentityName) => assertLoaded(result, portableBundle(app, name));

  /**
   * CA-REPLACE's precondition for a request after a replacement to a server seen before: it
   * came over a new connection. One that reused a connection kept alive from before the load
   * is CA-REPLACE-KEEPALIVE's evidence, not this requirement's, so it is not judged here.
   */
  const overNewConnection = (exchange: Exchange): boolean => (exchange.observation?.connectionRequests ?? 1) === 1;

  it('[CA-REPLACE] rsa-a, then ec-b, then rsa-a again: each server sees the identity loaded last', async () => {
    const [loadedA, withA, loadedB, withB, old, reloadedA, withAAgain] = await app.batch(
      load('rsa-a'), app.requestStep('required-a'),
      load('ec-b'), app.requestStep('required-b'), app.requestStep('required-a'),
      load('rsa-a'), app.requestStep('required-a'),
    );
    loaded(loadedA, 'rsa-a');
    assertAccepted(withA, 'rsa-a');
    loaded(loadedB, 'ec-b');
    // required-b is a server this launch has not met: a new connection whatever the pooling.
    assertAccepted(withB, 'ec-b');
    judging(old);
    if (overNewConnection(old)) {
      assert.notEqual(old.observation?.fingerprint, identity('rsa-a').fingerprint, `required-a still sees the replaced rsa-a: ${JSON.stringify(old.observation)}`);
      assert.equal(old.status, 400);
    }
    loaded(reloadedA, 'rsa-a');
    if (overNewConnection(withAAgain)) assertAccepted(withAAgain, 'rsa-a');
  });

  it('[CA-REPLACE] a server trusting both roots sees each new identity, through both APIs', async () => {
    const names = ['rsa-a', 'ec-b', 'rsa-a'] as const;
    const results = await app.batch(...names.flatMap((name) => [load(name), app.requestStep('required-a-or-b'), app.requestStep('required-a-or-b', { api: 'invoke-service' })]));
    names.forEach((name, i) => {
      loaded(results[i * 3] as LoadResult, name);
      for (const exchange of [results[i * 3 + 1] as Exchange, results[i * 3 + 2] as Exchange]) {
        // After the first load every request may find the server's connection kept alive.
        if (i === 0 || overNewConnection(exchange)) assertAccepted(exchange, name);
      }
    });
  });

  /**
   * Precondition: two requests in a row with no replacement, the second over the first's
   * connection (server connectionRequests 2). A client that never reuses a connection cannot
   * show the behaviour (it holds trivially), so the test is skipped rather than passed.
   */
  function keptAlive(test: Mocha.Context, name: IdentityName, first: Exchange, second: Exchange): void {
    assertAccepted(first, name);
    assertAccepted(second, name);
    if (second.observation!.connectionRequests < 2) test.skip();
  }

  /** The first request after load() arrives on a new connection, with the new identity. */
  function freshConnection(name: IdentityName, first: Exchange): void {
    assertAccepted(first, name);
    assert.equal(first.observation?.connectionRequests, 1,
      `the first request after loading ${name} came over a kept-alive connection: ${JSON.stringify(first.observation)}`);
  }

  it('[CA-REPLACE-KEEPALIVE] a kept-alive connection is not reused after a replacement: a new connection, the new identity', async function () {
    const request = () => app.requestStep('required-a-or-b');
    const [loadedA, first, second, loadedB, afterB, nextB, reloadedA, afterA] = await app.batch(
      load('rsa-a'), request(), request(), load('ec-b'), request(), request(), load('rsa-a'), request(),
    );
    loaded(loadedA, 'rsa-a');
    keptAlive(this, 'rsa-a', first, second);
    loaded(loadedB, 'ec-b');
    freshConnection('ec-b', afterB);
    assertAccepted(nextB, 'ec-b');
    loaded(reloadedA, 'rsa-a');
    freshConnection('rsa-a', afterA);
  });

  it('[CA-REPLACE-KEEPALIVE] the service invoker does not reuse a connection made with the old identity either', async function () {
    const invoke = () => app.requestStep('required-a-or-b', { api: 'invoke-service' });
    const [loadedB, first, second, loadedA, afterA] = await app.batch(load('ec-b'), invoke(), invoke(), load('rsa-a'), invoke());
    loaded(loadedB, 'ec-b');
    keptAlive(this, 'ec-b', first, second);
    loaded(loadedA, 'rsa-a');
    freshConnection('rsa-a', afterA);
  });

  it('[CA-REPLACE-RESUMPTION] a server that resumes sessions sees the new identity, never a resumed old one', async () => {
    const sequence = ['rsa-a', 'ec-b', 'rsa-a'] as const;
    const results = await app.batch(...sequence.flatMap((name) => [load(name), app.requestStep('resumption-required-a-or-b'), app.requestStep('resumption-required-a-or-b')]));
    let previous: IdentityName | null = null;
    for (const [n, name] of sequence.entries()) {
      loaded(results[n * 3] as LoadResult, name);
      for (let i = 0; i < 2; i += 1) {
        const exchange = results[n * 3 + 1 + i] as Exchange;
        judging(exchange);
        const seen = JSON.stringify(exchange.observation);
        if (previous && exchange.observation?.sessionReused) {
          assert.notEqual(exchange.observation.fingerprint, identity(previous).fingerprint, `a session of the replaced ${previous} was resumed: ${seen}`);
        }
        // A resumed session of the identity loaded again carries the right identity: allowed.
        assertAccepted(exchange, name);
      }
      previous = name;
    }
  });

  describe('a failed load leaves the previous certificate in force', () => {
    it('[CA-FAILED-LOAD-KEEPS-OLD] a wrong password: false, and the server still sees the old identity', async () => {
      const ecB = portableBundle(app, 'ec-b');
      const [loadedA, before, wrong, afterEither, afterA] = await app.batch(
        load('rsa-a'), app.requestStep('required-a-or-b'),
        app.loadStep(ecB, { password: `${app.bundle(ecB).password}-wrong` }),
        app.requestStep('required-a-or-b'), app.requestStep('required-a'),
      );
      loaded(loadedA, 'rsa-a');
      assertAccepted(before, 'rsa-a');
      assertReturnedFalse(wrong, 'ec-b with a wrong password');
      assertAccepted(afterEither, 'rsa-a');
      assertAccepted(afterA, 'rsa-a');
    });

    it('[CA-FAILED-LOAD-KEEPS-OLD] corrupt bytes and invalid base64: false, and the server still sees the old identity', async () => {
      const rsaA = portableBundle(app, 'rsa-a');
      const bytes = await bundleBytes(app, rsaA);
      const password = app.bundle(rsaA).password;
      const [loadedB, before, truncated, afterTruncated, invalid, afterInvalid, afterB] = await app.batch(
        load('ec-b'), app.requestStep('required-a-or-b'),
        loadFileBytesStep('half.p12', bytes.subarray(0, bytes.length >> 1), password), app.requestStep('required-a-or-b'),
        loadBase64TextStep('%%% not base64 %%%', password), app.requestStep('required-a-or-b'), app.requestStep('required-b'),
      );
      loaded(loadedB, 'ec-b');
      assertAccepted(before, 'ec-b');
      assertReturnedFalse(truncated, 'a truncated rsa-a');
      assertPresented(afterTruncated, 'ec-b');
      assertReturnedFalse(invalid, 'invalid base64');
      assertAccepted(afterInvalid, 'ec-b');
      assertAccepted(afterB, 'ec-b');
    });

    it('[CA-FAILED-LOAD-KEEPS-OLD] a call that throws (100, 101) leaves the old identity in force', async () => {
      const ecB = portableBundle(app, 'ec-b');
      const cert = (await bundleBytes(app, ecB)).toString('base64');
      const [loadedA, wrongType, twoArguments, after] = await app.batch(
        load('rsa-a'),
        app.loadWithArgumentsStep([{ cert, pass: 5 }]),
        app.loadWithArgumentsStep([{ cert, pass: app.bundle(ecB).password }, {}]),
        app.requestStep('required-a-or-b'),
      );
      loaded(loadedA, 'rsa-a');
      assertThrew(wrongType, 100, 'pass of the wrong type');
      assertThrew(twoArguments, 101, 'two arguments');
      assertAccepted(after, 'rsa-a');
    });
  });
});

/// <reference types="mocha" />
/**
 * removeClientCertificate(): documented for Android only. On iOS the requirement does not
 * apply (the reference keeps the certificate there, docs/decisions.md D4), so these skip.
 */
import assert from 'node:assert/strict';
import type { AppResult } from '../devices/conformance-app/contract.js';
import { useApp } from './support/use-app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertLoaded, assertNonePresented, judging, portableBundle } from './helpers/identities.js';

describe('removing the client certificate', () => {
  const app = useApp();

  function assertRemoved(removed: AppResult): void {
    assert.equal((removed as { thrown?: unknown }).thrown, undefined, `removeClientCertificate() threw: ${JSON.stringify(removed)}`);
  }

  it('[CA-REMOVE] after removeClientCertificate() no certificate is presented on a new connection', async function () {
    skipUnlessApplies(this, 'CA-REMOVE', app.device);
    // Servers this launch has not met before the removal: new connections whatever the pooling
    // (a kept-alive one is CA-REMOVE-KEEPALIVE's).
    const [loaded, required, removed, requiredAfter, optionalAfter] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-a')), app.requestStep('required-a'),
      app.removeStep(), app.requestStep('required-a-or-b'), app.requestStep('optional-a'),
    );
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    assertAccepted(required, 'rsa-a');
    assertRemoved(removed);
    assertNonePresented(requiredAfter, 400);
    assertNonePresented(optionalAfter, 200);
  });

  it('[CA-REMOVE-KEEPALIVE] a connection kept alive from before the removal is not reused: nothing presented', async function () {
    skipUnlessApplies(this, 'CA-REMOVE-KEEPALIVE', app.device);
    const [loaded, first, second, removed, after] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-a')), app.requestStep('optional-a'), app.requestStep('optional-a'),
      app.removeStep(), app.requestStep('optional-a'),
    );
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    assertAccepted(first, 'rsa-a');
    assertAccepted(second, 'rsa-a');
    // Precondition: the client keeps connections alive at all; one that never does cannot show it.
    if (second.observation!.connectionRequests < 2) this.skip();
    assertRemoved(removed);
    assertNonePresented(after, 200);
    assert.equal(after.observation?.connectionRequests, 1, `the request after the removal came over the kept-alive connection: ${JSON.stringify(after.observation)}`);
  });

  it('[CA-REMOVE] the service invoker presents nothing after removal either', async function () {
    skipUnlessApplies(this, 'CA-REMOVE', app.device);
    const [loaded, before, , after, http] = await app.batch(
      app.loadStep(portableBundle(app, 'ec-b')), app.requestStep('required-b', { api: 'invoke-service' }),
      app.removeStep(), app.requestStep('required-a-or-b', { api: 'invoke-service' }), app.requestStep('required-a'),
    );
    assertLoaded(loaded, portableBundle(app, 'ec-b'));
    assertAccepted(before, 'ec-b');
    judging(after);
    assert.equal(after.status, 400, `invoker after removal: ${JSON.stringify(after.result)}`);
    assertNonePresented(http, 400);
  });

  it('[CA-REMOVE] removing with nothing loaded is harmless, and a later load works', async function () {
    skipUnlessApplies(this, 'CA-REMOVE', app.device);
    const [removed, loaded, exchange] = await app.batch(app.removeStep(), app.loadStep(portableBundle(app, 'rsa-a')), app.requestStep('required-a'));
    assertRemoved(removed);
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    assertAccepted(exchange, 'rsa-a');
  });
});

/// <reference types="mocha" />
/**
 * removeClientCertificate(): documented for Android only. On iOS the requirement does not
 * apply (the reference keeps the certificate there, docs/decisions.md D4), so these skip.
 */
import assert from 'node:assert/strict';
import { App } from './support/app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertNonePresented, mustLoad, portableBundle } from './helpers/identities.js';

describe('removing the client certificate', () => {
  let app: App;

  before(() => {
    app = new App();
  });

  beforeEach(async () => {
    await app.restart();
  });

  it('[CA-REMOVE] after removeClientCertificate() no certificate is presented, also over a kept-alive connection', async function () {
    skipUnlessApplies(this, 'CA-REMOVE', app.device);
    await mustLoad(app, portableBundle(app, 'rsa-a'));
    assertAccepted(await app.request('required-a'), 'rsa-a');
    assertAccepted(await app.request('optional-a'), 'rsa-a');
    const removed = await app.remove();
    assert.equal((removed as { thrown?: unknown }).thrown, undefined, `removeClientCertificate() threw: ${JSON.stringify(removed)}`);
    assertNonePresented(await app.request('required-a'), 400);
    assertNonePresented(await app.request('optional-a'), 200);
  });

  it('[CA-REMOVE] the service invoker presents nothing after removal either', async function () {
    skipUnlessApplies(this, 'CA-REMOVE', app.device);
    await mustLoad(app, portableBundle(app, 'ec-b'));
    assertAccepted(await app.request('required-b', { api: 'invoke-service' }), 'ec-b');
    await app.remove();
    const after = await app.request('required-b', { api: 'invoke-service' });
    assert.equal(after.status, 400, `invoker after removal: ${JSON.stringify(after.result)}`);
    assertNonePresented(await app.request('required-b'), 400);
  });

  it('[CA-REMOVE] removing with nothing loaded is harmless, and a later load works', async function () {
    skipUnlessApplies(this, 'CA-REMOVE', app.device);
    const removed = await app.remove();
    assert.equal((removed as { thrown?: unknown }).thrown, undefined, `removeClientCertificate() threw: ${JSON.stringify(removed)}`);
    await mustLoad(app, portableBundle(app, 'rsa-a'));
    assertAccepted(await app.request('required-a'), 'rsa-a');
  });
});

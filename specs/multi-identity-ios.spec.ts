/// <reference types="mocha" />
/**
 * iOS presents the first identity of a multi-identity PKCS#12, whatever the server advertises
 * (platform-facts §3; the catalog's decision). Legacy bundles: iOS refuses AES files. Skipped
 * on Android.
 */
import { App } from './support/app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertRejected, mustLoad } from './helpers/identities.js';

describe('identity selection on iOS', () => {
  let app: App;

  before(async () => {
    app = new App();
    await app.restart();
  });

  it('[CA-MULTI-IOS-FIRST] rsa-a+ec-b: rsa-a goes to every server, even one that trusts only B', async function () {
    skipUnlessApplies(this, 'CA-MULTI-IOS-FIRST', app.device);
    await mustLoad(app, 'rsa-a+ec-b.legacy');
    assertAccepted(await app.request('required-a'), 'rsa-a');
    assertAccepted(await app.request('required-a-or-b'), 'rsa-a');
    assertRejected(await app.request('required-b'), 'rsa-a');
  });

  it('[CA-MULTI-IOS-FIRST] ec-b+rsa-a: ec-b goes to every server, even one that trusts only A', async function () {
    skipUnlessApplies(this, 'CA-MULTI-IOS-FIRST', app.device);
    await mustLoad(app, 'ec-b+rsa-a.legacy');
    assertAccepted(await app.request('required-b'), 'ec-b');
    assertAccepted(await app.request('required-a-or-b'), 'ec-b');
    assertRejected(await app.request('required-a'), 'ec-b');
    assertAccepted(await app.request('required-b', { api: 'invoke-service' }), 'ec-b');
  });
});

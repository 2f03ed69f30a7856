/// <reference types="mocha" />
/**
 * iOS presents the first identity of a multi-identity PKCS#12, whatever the server advertises
 * (platform-facts §3; the catalog's decision). Legacy bundles: iOS refuses AES files. Skipped
 * on Android.
 */
import { useApp } from './support/use-app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertLoaded, assertRejected, portableBundle } from './helpers/identities.js';

describe('identity selection on iOS', () => {
  const app = useApp();

  it('[CA-MULTI-IOS-FIRST] rsa-a+ec-b: rsa-a goes to every server, even one that trusts only B', async function () {
    skipUnlessApplies(this, 'CA-MULTI-IOS-FIRST', app.device);
    const [loaded, a, either, b] = await app.batch(app.loadStep(portableBundle(app, 'rsa-a+ec-b')), app.requestStep('required-a'), app.requestStep('required-a-or-b'), app.requestStep('required-b'));
    assertLoaded(loaded, portableBundle(app, 'rsa-a+ec-b'));
    assertAccepted(a, 'rsa-a');
    assertAccepted(either, 'rsa-a');
    assertRejected(b, 'rsa-a');
  });

  it('[CA-MULTI-IOS-FIRST] ec-b+rsa-a: ec-b goes to every server, even one that trusts only A', async function () {
    skipUnlessApplies(this, 'CA-MULTI-IOS-FIRST', app.device);
    const [loaded, b, either, a, invoked] = await app.batch(
      app.loadStep(portableBundle(app, 'ec-b+rsa-a')), app.requestStep('required-b'), app.requestStep('required-a-or-b'),
      app.requestStep('required-a'), app.requestStep('required-b', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, portableBundle(app, 'ec-b+rsa-a'));
    assertAccepted(b, 'ec-b');
    assertAccepted(either, 'ec-b');
    assertRejected(a, 'ec-b');
    assertAccepted(invoked, 'ec-b');
  });
});

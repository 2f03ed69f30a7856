/// <reference types="mocha" />
/**
 * iOS and a multi-identity PKCS#12: no selection is documented; apps take the first identity
 * `SecPKCS12Import` returns (platform-facts §3). CA-MULTI-IOS-FIRST asks what every such
 * runtime does, whether it takes the first identity blindly or filters by the challenge's CA
 * names first: a server trusting the first identity's CA receives it. CA-MULTI-IOS-UNFILTERED
 * is the reference's decision (the first identity goes to every server): a runtime that
 * filters differs there. Legacy bundles: iOS refuses AES files. Skipped on Android.
 */
import { useApp } from './support/use-app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertLoaded, assertRejected, portableBundle } from './helpers/identities.js';

describe('identity selection on iOS', () => {
  const app = useApp();

  it('[CA-MULTI-IOS-FIRST] rsa-a+ec-b: servers trusting A receive rsa-a, through both APIs', async function () {
    skipUnlessApplies(this, 'CA-MULTI-IOS-FIRST', app.device);
    const [loaded, a, either, invoked] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-a+ec-b')), app.requestStep('required-a'), app.requestStep('required-a-or-b'),
      app.requestStep('required-a', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, portableBundle(app, 'rsa-a+ec-b'));
    assertAccepted(a, 'rsa-a');
    assertAccepted(either, 'rsa-a');
    assertAccepted(invoked, 'rsa-a');
  });

  it('[CA-MULTI-IOS-FIRST] ec-b+rsa-a: servers trusting B receive ec-b, through both APIs', async function () {
    skipUnlessApplies(this, 'CA-MULTI-IOS-FIRST', app.device);
    const [loaded, b, either, invoked] = await app.batch(
      app.loadStep(portableBundle(app, 'ec-b+rsa-a')), app.requestStep('required-b'), app.requestStep('required-a-or-b'),
      app.requestStep('required-b', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, portableBundle(app, 'ec-b+rsa-a'));
    assertAccepted(b, 'ec-b');
    assertAccepted(either, 'ec-b');
    assertAccepted(invoked, 'ec-b');
  });

  it('[CA-MULTI-IOS-UNFILTERED] the first identity goes even to a server that trusts only the other CA', async function () {
    skipUnlessApplies(this, 'CA-MULTI-IOS-UNFILTERED', app.device);
    const [loadedAB, b, loadedBA, a] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-a+ec-b')), app.requestStep('required-b'),
      app.loadStep(portableBundle(app, 'ec-b+rsa-a')), app.requestStep('required-a'),
    );
    assertLoaded(loadedAB, portableBundle(app, 'rsa-a+ec-b'));
    assertRejected(b, 'rsa-a');
    assertLoaded(loadedBA, portableBundle(app, 'ec-b+rsa-a'));
    assertRejected(a, 'ec-b');
  });
});

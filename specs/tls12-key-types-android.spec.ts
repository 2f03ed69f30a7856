/// <reference types="mocha" />
/**
 * TLS 1.2 key types as Android decides them (Conscrypt SSLUtils.getSupportedClientKeyTypes):
 * an identity's key type must be in certificate_types AND in signature_algorithms. Only a
 * non-OpenSSL server shows the difference: the Java judge (SunJSSE) lists every certificate
 * type whatever its signature algorithms allow. A client choosing by certificate_types alone
 * picks rsa-a there, cannot sign with it, and sends an empty Certificate.
 */
import { useApp } from './support/use-app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertLoaded, assertNonePresented } from './helpers/identities.js';
import { requireJavaJudge } from './helpers/java-judge.js';

const ID = 'CA-MULTI-ANDROID-TLS12-KEY-TYPES';

describe('TLS 1.2 key types on Android: certificate_types AND signature_algorithms', () => {
  const app = useApp();

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    it(`[${ID}] ${order}: a Java server listing every certificate type gets ec-b under ECDSA-only signatures, rsa-a under RSA-only`, async function () {
      skipUnlessApplies(this, ID, app.device);
      requireJavaJudge(this);
      const [loaded, ecdsa, rsa, invokedEcdsa] = await app.batch(
        app.loadStep(`${order}.modern`),
        app.requestStep('java-tls12-ecdsa-signatures'),
        app.requestStep('java-tls12-rsa-signatures'),
        app.requestStep('java-tls12-ecdsa-signatures', { api: 'invoke-service' }),
      );
      assertLoaded(loaded, `${order}.modern`);
      assertAccepted(ecdsa, 'ec-b');
      assertAccepted(rsa, 'rsa-a');
      assertAccepted(invokedEcdsa, 'ec-b');
    });
  }

  it(`[${ID}] one identity of the wrong key type: nothing for the Java server, which accepts it when all algorithms are allowed`, async function () {
    skipUnlessApplies(this, ID, app.device);
    requireJavaJudge(this);
    const [loadedRsa, rsaEcdsaOnly, rsaControl, loadedEc, ecRsaOnly, ecControl] = await app.batch(
      app.loadStep('rsa-a.modern'), app.requestStep('java-tls12-ecdsa-signatures'), app.requestStep('java-required-a-or-b'),
      app.loadStep('ec-b.modern'), app.requestStep('java-tls12-rsa-signatures'), app.requestStep('java-required-a-or-b'),
    );
    assertLoaded(loadedRsa, 'rsa-a.modern');
    assertNonePresented(rsaEcdsaOnly, 400);
    // Control: same CA names, every signature algorithm: rsa-a qualifies.
    assertAccepted(rsaControl, 'rsa-a');
    assertLoaded(loadedEc, 'ec-b.modern');
    assertNonePresented(ecRsaOnly, 400);
    assertAccepted(ecControl, 'ec-b');
  });

  it(`[${ID}] OpenSSL servers derive certificate_types from their algorithms: the ECDSA-only fleet server gets ec-b`, async function () {
    skipUnlessApplies(this, ID, app.device);
    const [loadedBoth, both, loadedRsa, rsaOnly] = await app.batch(
      app.loadStep('rsa-a+ec-b.modern'), app.requestStep('required-a-or-b-ecdsa-only'),
      app.loadStep('rsa-a.modern'), app.requestStep('required-a-or-b-ecdsa-only'),
    );
    assertLoaded(loadedBoth, 'rsa-a+ec-b.modern');
    assertAccepted(both, 'ec-b');
    assertLoaded(loadedRsa, 'rsa-a.modern');
    assertNonePresented(rsaOnly, 400);
  });
});

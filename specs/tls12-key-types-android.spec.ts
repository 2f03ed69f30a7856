/// <reference types="mocha" />
/**
 * TLS 1.2 key types as Android decides them (Conscrypt SSLUtils.getSupportedClientKeyTypes):
 * an identity's key type must be in certificate_types AND in signature_algorithms. Only a
 * non-OpenSSL server shows the difference: the Java judge (SunJSSE) lists every certificate
 * type whatever its signature algorithms allow. A client choosing by certificate_types alone
 * picks rsa-a there, cannot sign with it, and sends an empty Certificate.
 */
import { App } from './support/app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertNonePresented, mustLoad } from './helpers/identities.js';
import { requireJavaJudge } from './helpers/java-judge.js';

const ID = 'CA-MULTI-ANDROID-TLS12-KEY-TYPES';

describe('TLS 1.2 key types on Android: certificate_types AND signature_algorithms', () => {
  let app: App;

  before(async () => {
    app = new App();
    await app.restart();
  });

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    it(`[${ID}] ${order}: a Java server listing every certificate type gets ec-b under ECDSA-only signatures, rsa-a under RSA-only`, async function () {
      skipUnlessApplies(this, ID, app.device);
      requireJavaJudge(this);
      await mustLoad(app, `${order}.modern`);
      assertAccepted(await app.request('java-tls12-ecdsa-signatures'), 'ec-b');
      assertAccepted(await app.request('java-tls12-rsa-signatures'), 'rsa-a');
      assertAccepted(await app.request('java-tls12-ecdsa-signatures', { api: 'invoke-service' }), 'ec-b');
    });
  }

  it(`[${ID}] one identity of the wrong key type: nothing for the Java server, which accepts it when all algorithms are allowed`, async function () {
    skipUnlessApplies(this, ID, app.device);
    requireJavaJudge(this);
    await mustLoad(app, 'rsa-a.modern');
    assertNonePresented(await app.request('java-tls12-ecdsa-signatures'), 400);
    // Control: same CA names, every signature algorithm: rsa-a qualifies.
    assertAccepted(await app.request('java-required-a-or-b'), 'rsa-a');
    await mustLoad(app, 'ec-b.modern');
    assertNonePresented(await app.request('java-tls12-rsa-signatures'), 400);
    assertAccepted(await app.request('java-required-a-or-b'), 'ec-b');
  });

  it(`[${ID}] OpenSSL servers derive certificate_types from their algorithms: the ECDSA-only fleet server gets ec-b`, async function () {
    skipUnlessApplies(this, ID, app.device);
    await mustLoad(app, 'rsa-a+ec-b.modern');
    assertAccepted(await app.request('required-a-or-b-ecdsa-only'), 'ec-b');
    await mustLoad(app, 'rsa-a.modern');
    assertNonePresented(await app.request('required-a-or-b-ecdsa-only'), 400);
  });
});

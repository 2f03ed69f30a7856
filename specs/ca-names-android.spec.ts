/// <reference types="mocha" />
/**
 * Android matches advertised CA names against the chain's issuers as X.500 names
 * (X500Principal.equals: string type, letter case and spacing do not matter), not as bytes.
 * rsa-a-printable-issuer's issuer is root A's name as PrintableString (A's subject is
 * UTF8String); ec-b-uppercase-issuer's is root B's name in upper case. OpenSSL and Java chain
 * both, so every judge accepts them once presented.
 */
import { App } from './support/app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertNonePresented, mustLoad } from './helpers/identities.js';
import { requireJavaJudge } from './helpers/java-judge.js';

const ID = 'CA-MULTI-ANDROID-X500-NAMES';
const BOTH = 'rsa-a-printable-issuer+ec-b-uppercase-issuer';

describe('CA names on Android: X.500 names, not bytes', () => {
  let app: App;

  before(async () => {
    app = new App();
    await app.restart();
  });

  for (const encoding of ['modern', 'legacy'] as const) {
    it(`[${ID}] ${BOTH}.${encoding}: root-A servers get rsa-a-printable-issuer, root-B servers ec-b-uppercase-issuer`, async function () {
      skipUnlessApplies(this, ID, app.device);
      await mustLoad(app, `${BOTH}.${encoding}`);
      assertAccepted(await app.request('required-a'), 'rsa-a-printable-issuer');
      assertAccepted(await app.request('required-b'), 'ec-b-uppercase-issuer');
      assertAccepted(await app.request('tls12-required-a'), 'rsa-a-printable-issuer');
      assertAccepted(await app.request('tls13-required-a'), 'rsa-a-printable-issuer');
      assertAccepted(await app.request('required-b', { api: 'invoke-service' }), 'ec-b-uppercase-issuer');
    });
  }

  it(`[${ID}] one respelled identity alone is presented to its CA's server`, async function () {
    skipUnlessApplies(this, ID, app.device);
    await mustLoad(app, 'ec-b-uppercase-issuer.modern');
    assertAccepted(await app.request('required-b'), 'ec-b-uppercase-issuer');
    await mustLoad(app, 'rsa-a-printable-issuer.modern');
    assertAccepted(await app.request('required-a'), 'rsa-a-printable-issuer');
  });

  it(`[${ID}] names still decide: a respelled identity is withheld from another CA's server`, async function () {
    skipUnlessApplies(this, ID, app.device);
    await mustLoad(app, 'ec-b-uppercase-issuer.modern');
    assertNonePresented(await app.request('required-a'), 400);
    await mustLoad(app, 'rsa-a-printable-issuer.modern');
    assertNonePresented(await app.request('required-b'), 400);
  });

  it(`[${ID}] the Java judge (X500Principal on both sides) gets the same identities`, async function () {
    skipUnlessApplies(this, ID, app.device);
    requireJavaJudge(this);
    await mustLoad(app, `${BOTH}.modern`);
    assertAccepted(await app.request('java-required-a'), 'rsa-a-printable-issuer');
    assertAccepted(await app.request('java-required-b'), 'ec-b-uppercase-issuer');
  });
});

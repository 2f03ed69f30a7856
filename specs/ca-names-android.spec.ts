/// <reference types="mocha" />
/**
 * Android matches advertised CA names against the chain's issuers as X.500 names
 * (X500Principal.equals: string type, letter case and spacing do not matter), not as bytes.
 * rsa-a-printable-issuer's issuer is root A's name as PrintableString (A's subject is
 * UTF8String); ec-b-uppercase-issuer's is root B's name in upper case. OpenSSL and Java chain
 * both, so every judge accepts them once presented.
 */
import { useApp } from './support/use-app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertLoaded, assertNonePresented } from './helpers/identities.js';
import { requireJavaJudge } from './helpers/java-judge.js';

const ID = 'CA-MULTI-ANDROID-X500-NAMES';
const BOTH = 'rsa-a-printable-issuer+ec-b-uppercase-issuer';

describe('CA names on Android: X.500 names, not bytes', () => {
  const app = useApp();

  for (const encoding of ['modern', 'legacy'] as const) {
    it(`[${ID}] ${BOTH}.${encoding}: root-A servers get rsa-a-printable-issuer, root-B servers ec-b-uppercase-issuer`, async function () {
      skipUnlessApplies(this, ID, app.device);
      const [loaded, a, b, tls12A, tls13A, invokedB] = await app.batch(
        app.loadStep(`${BOTH}.${encoding}`),
        app.requestStep('required-a'),
        app.requestStep('required-b'),
        app.requestStep('tls12-required-a'),
        app.requestStep('tls13-required-a'),
        app.requestStep('required-b', { api: 'invoke-service' }),
      );
      assertLoaded(loaded, `${BOTH}.${encoding}`);
      assertAccepted(a, 'rsa-a-printable-issuer');
      assertAccepted(b, 'ec-b-uppercase-issuer');
      assertAccepted(tls12A, 'rsa-a-printable-issuer');
      assertAccepted(tls13A, 'rsa-a-printable-issuer');
      assertAccepted(invokedB, 'ec-b-uppercase-issuer');
    });
  }

  it(`[${ID}] one respelled identity alone is presented to its CA's server`, async function () {
    skipUnlessApplies(this, ID, app.device);
    const [loadedB, b, loadedA, a] = await app.batch(
      app.loadStep('ec-b-uppercase-issuer.modern'), app.requestStep('required-b'),
      app.loadStep('rsa-a-printable-issuer.modern'), app.requestStep('required-a'),
    );
    assertLoaded(loadedB, 'ec-b-uppercase-issuer.modern');
    assertAccepted(b, 'ec-b-uppercase-issuer');
    assertLoaded(loadedA, 'rsa-a-printable-issuer.modern');
    assertAccepted(a, 'rsa-a-printable-issuer');
  });

  it(`[${ID}] names still decide: a respelled identity is withheld from another CA's server`, async function () {
    skipUnlessApplies(this, ID, app.device);
    const [loadedB, aWithB, loadedA, bWithA] = await app.batch(
      app.loadStep('ec-b-uppercase-issuer.modern'), app.requestStep('required-a'),
      app.loadStep('rsa-a-printable-issuer.modern'), app.requestStep('required-b'),
    );
    assertLoaded(loadedB, 'ec-b-uppercase-issuer.modern');
    assertNonePresented(aWithB, 400);
    assertLoaded(loadedA, 'rsa-a-printable-issuer.modern');
    assertNonePresented(bWithA, 400);
  });

  it(`[${ID}] the Java judge (X500Principal on both sides) gets the same identities`, async function () {
    skipUnlessApplies(this, ID, app.device);
    requireJavaJudge(this);
    const [loaded, a, b] = await app.batch(
      app.loadStep(`${BOTH}.modern`), app.requestStep('java-required-a'), app.requestStep('java-required-b'),
    );
    assertLoaded(loaded, `${BOTH}.modern`);
    assertAccepted(a, 'rsa-a-printable-issuer');
    assertAccepted(b, 'ec-b-uppercase-issuer');
  });
});

/// <reference types="mocha" />
/**
 * Android picks the identity of a multi-identity PKCS#12 during the handshake, with Conscrypt's
 * rule (platform-facts §2): leaf key type accepted, and some certificate of the chain issued by
 * an advertised CA (any, when the list is empty); no fit means no certificate. Among several
 * qualifying identities the winner is unspecified. Skipped on iOS. Key type: the
 * required-a-or-b-ecdsa-only server advertises A and B but accepts only ECDSA keys.
 */
import assert from 'node:assert/strict';
import { useApp } from './support/use-app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertLoaded, judging, assertNonePresented, assertPresented, assertRejected, identity } from './helpers/identities.js';
import type { Exchange } from './support/app.js';

describe('identity selection on Android', () => {
  const app = useApp();

  function presentedEither(exchange: Exchange): 'rsa-a' | 'ec-b' {
    const fingerprint = exchange.observation?.fingerprint;
    const name = fingerprint === identity('rsa-a').fingerprint ? 'rsa-a' : fingerprint === identity('ec-b').fingerprint ? 'ec-b' : null;
    judging(exchange);
    assert.ok(name, `the server saw neither rsa-a nor ec-b: ${JSON.stringify(exchange.observation)}`);
    return name;
  }

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    for (const encoding of ['modern', 'legacy'] as const) {
      it(`[CA-MULTI-ANDROID-BY-CA] ${order}.${encoding}: root-A server gets rsa-a, root-B server gets ec-b`, async function () {
        skipUnlessApplies(this, 'CA-MULTI-ANDROID-BY-CA', app.device);
        const [loaded, a, b, invokedA, invokedB, tls13] = await app.batch(
          app.loadStep(`${order}.${encoding}`),
          app.requestStep('required-a'),
          app.requestStep('required-b'),
          app.requestStep('required-a', { api: 'invoke-service' }),
          app.requestStep('required-b', { api: 'invoke-service' }),
          app.requestStep('tls13-required-a'),
        );
        assertLoaded(loaded, `${order}.${encoding}`);
        assertAccepted(a, 'rsa-a');
        assertAccepted(b, 'ec-b');
        assertAccepted(invokedA, 'rsa-a');
        assertAccepted(invokedB, 'ec-b');
        assertAccepted(tls13, 'rsa-a');
      });
    }
  }

  it('[CA-MULTI-ANDROID-BY-CA] an identity qualifies through its intermediate: root-A server gets rsa-intermediate', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-BY-CA', app.device);
    const [loaded, exchange] = await app.batch(app.loadStep('rsa-intermediate.modern'), app.requestStep('required-intermediate'));
    assertLoaded(loaded, 'rsa-intermediate.modern');
    assertAccepted(exchange, 'rsa-intermediate');
  });

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    it(`[CA-MULTI-ANDROID-ANY-WINNER] ${order}: a server advertising A and B gets one of them, accepted`, async function () {
      skipUnlessApplies(this, 'CA-MULTI-ANDROID-ANY-WINNER', app.device);
      const [loaded, exchange] = await app.batch(app.loadStep(`${order}.modern`), app.requestStep('required-a-or-b'));
      assertLoaded(loaded, `${order}.modern`);
      assertAccepted(exchange, presentedEither(exchange));
    });
  }

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    it(`[CA-MULTI-ANDROID-BY-KEYTYPE] ${order}: a server advertising A and B but accepting only ECDSA keys gets ec-b`, async function () {
      skipUnlessApplies(this, 'CA-MULTI-ANDROID-BY-KEYTYPE', app.device);
      const [loaded, http, invoked] = await app.batch(
        app.loadStep(`${order}.modern`),
        app.requestStep('required-a-or-b-ecdsa-only'),
        app.requestStep('required-a-or-b-ecdsa-only', { api: 'invoke-service' }),
      );
      assertLoaded(loaded, `${order}.modern`);
      assertAccepted(http, 'ec-b');
      assertAccepted(invoked, 'ec-b');
    });
  }

  it('[CA-MULTI-ANDROID-BY-KEYTYPE] rsa-a alone: nothing for an ECDSA-only server, rsa-a for the same CAs accepting RSA', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-BY-KEYTYPE', app.device);
    const [loaded, ecdsaOnly, control] = await app.batch(app.loadStep('rsa-a.modern'), app.requestStep('required-a-or-b-ecdsa-only'), app.requestStep('required-a-or-b'));
    assertLoaded(loaded, 'rsa-a.modern');
    assertNonePresented(ecdsaOnly, 400);
    // Control: the CA names alone would admit rsa-a; only the key type rules it out.
    assertAccepted(control, 'rsa-a');
  });

  it('[CA-MULTI-ANDROID-EMPTY-CA-LIST] an empty CA list accepts any identity: one is presented', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-EMPTY-CA-LIST', app.device);
    // required-unadvertised verifies against root A but advertises no names.
    const [loadedA, withA, loadedB, withB, loadedBoth, exchange] = await app.batch(
      app.loadStep('rsa-a.modern'), app.requestStep('required-unadvertised'),
      app.loadStep('ec-b.modern'), app.requestStep('required-unadvertised'),
      app.loadStep('ec-b+rsa-a.modern'), app.requestStep('required-unadvertised'),
    );
    assertLoaded(loadedA, 'rsa-a.modern');
    assertAccepted(withA, 'rsa-a');
    assertLoaded(loadedB, 'ec-b.modern');
    assertRejected(withB, 'ec-b'); // presented, then refused by the server
    assertLoaded(loadedBoth, 'ec-b+rsa-a.modern');
    judging(exchange);
    assert.notEqual(exchange.observation?.verify, 'NONE', `nothing was presented: ${JSON.stringify(exchange.observation)}`);
    presentedEither(exchange);
  });

  it('[CA-MULTI-ANDROID-NO-FIT] no identity under an advertised CA: no certificate is sent', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-NO-FIT', app.device);
    const [loadedA, bWithA, loadedB, aWithB, optionalWithB, loadedSelf, withSelf, loadedIntermediate, bWithIntermediate] = await app.batch(
      app.loadStep('rsa-a.modern'), app.requestStep('required-b'),
      app.loadStep('ec-b.modern'), app.requestStep('required-a'), app.requestStep('optional-a'),
      app.loadStep('self-signed.modern'), app.requestStep('required-a-or-b'),
      app.loadStep('rsa-intermediate.modern'), app.requestStep('required-b'),
    );
    assertLoaded(loadedA, 'rsa-a.modern');
    assertNonePresented(bWithA, 400);
    assertLoaded(loadedB, 'ec-b.modern');
    assertNonePresented(aWithB, 400);
    assertNonePresented(optionalWithB, 200);
    assertLoaded(loadedSelf, 'self-signed.modern');
    assertNonePresented(withSelf, 400);
    assertLoaded(loadedIntermediate, 'rsa-intermediate.modern');
    assertNonePresented(bWithIntermediate, 400);
  });

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    it(`[CA-MULTI-ANDROID-NO-FIT] ${order}: a server advertising only root C (which issued neither) gets no certificate`, async function () {
      skipUnlessApplies(this, 'CA-MULTI-ANDROID-NO-FIT', app.device);
      const [loaded, onlyC, control] = await app.batch(app.loadStep(`${order}.modern`), app.requestStep('required-c'), app.requestStep('required-a-or-b'));
      assertLoaded(loaded, `${order}.modern`);
      assertNonePresented(onlyC, 400);
      // Control: the same file does present to a server whose CA fits.
      presentedEither(control);
    });
  }

  it('[CA-MULTI-ANDROID-NO-DATE-CHECK] expired and not-yet-valid identities under A are still presented', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-NO-DATE-CHECK', app.device);
    const [loadedExpired, expired, loadedNotYet, notYet] = await app.batch(
      app.loadStep('expired.modern'), app.requestStep('required-a'),
      app.loadStep('not-yet-valid.modern'), app.requestStep('required-a'),
    );
    assertLoaded(loadedExpired, 'expired.modern');
    assertRejected(expired, 'expired');
    assertLoaded(loadedNotYet, 'not-yet-valid.modern');
    assertRejected(notYet, 'not-yet-valid');
  });

  it('[CA-MULTI-ANDROID-NO-EKU-CHECK] an identity whose EKU is serverAuth only is still presented', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-NO-EKU-CHECK', app.device);
    const [loaded, exchange] = await app.batch(app.loadStep('server-auth-only.modern'), app.requestStep('optional-a'));
    assertLoaded(loaded, 'server-auth-only.modern');
    assertPresented(exchange, 'server-auth-only');
  });
});

/// <reference types="mocha" />
/**
 * Android picks the identity of a multi-identity PKCS#12 during the handshake, with Conscrypt's
 * rule (platform-facts §2): leaf key type accepted, and some certificate of the chain issued by
 * an advertised CA (any, when the list is empty); no fit means no certificate. Among several
 * qualifying identities the winner is unspecified. Skipped on iOS. Key type: the
 * required-a-or-b-ecdsa-only server advertises A and B but accepts only ECDSA keys.
 */
import assert from 'node:assert/strict';
import { App } from './support/app.js';
import { skipUnlessApplies } from './support/device.js';
import { assertAccepted, assertNonePresented, assertPresented, assertRejected, identity, mustLoad } from './helpers/identities.js';
import type { Exchange } from './support/app.js';

describe('identity selection on Android', () => {
  let app: App;

  before(async () => {
    app = new App();
    await app.restart();
  });

  function presentedEither(exchange: Exchange): 'rsa-a' | 'ec-b' {
    const fingerprint = exchange.observation?.fingerprint;
    const name = fingerprint === identity('rsa-a').fingerprint ? 'rsa-a' : fingerprint === identity('ec-b').fingerprint ? 'ec-b' : null;
    assert.ok(name, `the server saw neither rsa-a nor ec-b: ${JSON.stringify(exchange.observation)}`);
    return name;
  }

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    for (const encoding of ['modern', 'legacy'] as const) {
      it(`[CA-MULTI-ANDROID-BY-CA] ${order}.${encoding}: root-A server gets rsa-a, root-B server gets ec-b`, async function () {
        skipUnlessApplies(this, 'CA-MULTI-ANDROID-BY-CA', app.device);
        await mustLoad(app, `${order}.${encoding}`);
        assertAccepted(await app.request('required-a'), 'rsa-a');
        assertAccepted(await app.request('required-b'), 'ec-b');
        assertAccepted(await app.request('required-a', { api: 'invoke-service' }), 'rsa-a');
        assertAccepted(await app.request('required-b', { api: 'invoke-service' }), 'ec-b');
        assertAccepted(await app.request('tls13-required-a'), 'rsa-a');
      });
    }
  }

  it('[CA-MULTI-ANDROID-BY-CA] an identity qualifies through its intermediate: root-A server gets rsa-intermediate', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-BY-CA', app.device);
    await mustLoad(app, 'rsa-intermediate.modern');
    assertAccepted(await app.request('required-intermediate'), 'rsa-intermediate');
  });

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    it(`[CA-MULTI-ANDROID-ANY-WINNER] ${order}: a server advertising A and B gets one of them, accepted`, async function () {
      skipUnlessApplies(this, 'CA-MULTI-ANDROID-ANY-WINNER', app.device);
      await mustLoad(app, `${order}.modern`);
      const exchange = await app.request('required-a-or-b');
      assertAccepted(exchange, presentedEither(exchange));
    });
  }

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    it(`[CA-MULTI-ANDROID-BY-KEYTYPE] ${order}: a server advertising A and B but accepting only ECDSA keys gets ec-b`, async function () {
      skipUnlessApplies(this, 'CA-MULTI-ANDROID-BY-KEYTYPE', app.device);
      await mustLoad(app, `${order}.modern`);
      assertAccepted(await app.request('required-a-or-b-ecdsa-only'), 'ec-b');
      assertAccepted(await app.request('required-a-or-b-ecdsa-only', { api: 'invoke-service' }), 'ec-b');
    });
  }

  it('[CA-MULTI-ANDROID-BY-KEYTYPE] rsa-a alone: nothing for an ECDSA-only server, rsa-a for the same CAs accepting RSA', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-BY-KEYTYPE', app.device);
    await mustLoad(app, 'rsa-a.modern');
    assertNonePresented(await app.request('required-a-or-b-ecdsa-only'), 400);
    // Control: the CA names alone would admit rsa-a; only the key type rules it out.
    assertAccepted(await app.request('required-a-or-b'), 'rsa-a');
  });

  it('[CA-MULTI-ANDROID-EMPTY-CA-LIST] an empty CA list accepts any identity: one is presented', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-EMPTY-CA-LIST', app.device);
    // required-unadvertised verifies against root A but advertises no names.
    await mustLoad(app, 'rsa-a.modern');
    assertAccepted(await app.request('required-unadvertised'), 'rsa-a');
    await mustLoad(app, 'ec-b.modern');
    assertRejected(await app.request('required-unadvertised'), 'ec-b'); // presented, then refused by the server
    await mustLoad(app, 'ec-b+rsa-a.modern');
    const exchange = await app.request('required-unadvertised');
    assert.notEqual(exchange.observation?.verify, 'NONE', `nothing was presented: ${JSON.stringify(exchange.observation)}`);
    presentedEither(exchange);
  });

  it('[CA-MULTI-ANDROID-NO-FIT] no identity under an advertised CA: no certificate is sent', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-NO-FIT', app.device);
    await mustLoad(app, 'rsa-a.modern');
    assertNonePresented(await app.request('required-b'), 400);
    await mustLoad(app, 'ec-b.modern');
    assertNonePresented(await app.request('required-a'), 400);
    assertNonePresented(await app.request('optional-a'), 200);
    await mustLoad(app, 'self-signed.modern');
    assertNonePresented(await app.request('required-a-or-b'), 400);
    await mustLoad(app, 'rsa-intermediate.modern');
    assertNonePresented(await app.request('required-b'), 400);
  });

  for (const order of ['rsa-a+ec-b', 'ec-b+rsa-a'] as const) {
    it(`[CA-MULTI-ANDROID-NO-FIT] ${order}: a server advertising only root C (which issued neither) gets no certificate`, async function () {
      skipUnlessApplies(this, 'CA-MULTI-ANDROID-NO-FIT', app.device);
      await mustLoad(app, `${order}.modern`);
      assertNonePresented(await app.request('required-c'), 400);
      // Control: the same file does present to a server whose CA fits.
      presentedEither(await app.request('required-a-or-b'));
    });
  }

  it('[CA-MULTI-ANDROID-NO-DATE-CHECK] expired and not-yet-valid identities under A are still presented', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-NO-DATE-CHECK', app.device);
    for (const name of ['expired', 'not-yet-valid'] as const) {
      await mustLoad(app, `${name}.modern`);
      assertRejected(await app.request('required-a'), name);
    }
  });

  it('[CA-MULTI-ANDROID-NO-EKU-CHECK] an identity whose EKU is serverAuth only is still presented', async function () {
    skipUnlessApplies(this, 'CA-MULTI-ANDROID-NO-EKU-CHECK', app.device);
    await mustLoad(app, 'server-auth-only.modern');
    assertPresented(await app.request('optional-a'), 'server-auth-only');
  });
});

/// <reference types="mocha" />
/**
 * What the server judges: expired and untrusted identities are refused with HTTP 400
 * "certificate-error" after a completed handshake (nginx semantics, platform-facts §4), and the
 * client surfaces that 400 as a response through both APIs; optional_no_ca tolerates an
 * untrusted issuer.
 */
import assert from 'node:assert/strict';
import { App, type Exchange } from './support/app.js';
import { assertAccepted, assertNonePresented, assertPresented, assertRejected, identity, mustLoad, portableBundle } from './helpers/identities.js';

describe('server judgement', () => {
  let app: App;

  before(() => {
    app = new App();
  });

  beforeEach(async () => {
    await app.restart();
  });

  /** The service invoker reports the server's 400 as a failed call carrying the response code. */
  function assertInvokerSurfaced400(exchange: Exchange): void {
    const view = exchange.result as { opstatus: number | null; responsecode: number | null };
    assert.equal(view.responsecode, 400, `invoker: ${JSON.stringify(exchange.result)}`);
    assert.notEqual(view.opstatus, 0, `invoker reported success for a 400: ${JSON.stringify(exchange.result)}`);
    assert.notEqual(view.opstatus, null, `invoker gave no opstatus: ${JSON.stringify(exchange.result)}`);
  }

  it('[CA-SERVER-REJECTS-EXPIRED] an expired identity is presented and refused with 400 certificate-error', async () => {
    await mustLoad(app, portableBundle(app, 'expired'));
    const exchange = await app.request('required-a');
    assertRejected(exchange, 'expired');
    assert.match(exchange.observation?.verify ?? '', /expired/i);
    assertRejected(await app.request('optional-a'), 'expired');
    assertRejected(await app.request('optional-no-ca'), 'expired'); // expiry is not an issuer problem
    assertInvokerSurfaced400(await app.request('required-a', { api: 'invoke-service' }));
  });

  it('[CA-SERVER-REJECTS-UNTRUSTED] a self-signed identity gets a 400 from a server requiring root A', async () => {
    await mustLoad(app, portableBundle(app, 'self-signed'));
    const required = await app.request('required-a');
    // Android withholds it (not under an advertised CA), iOS presents it: either way no SUCCESS.
    assert.equal(required.status, 400, JSON.stringify(required.observation));
    assert.notEqual(required.observation?.verify, 'SUCCESS', JSON.stringify(required.observation));
    if (app.device.platform === 'ios') assertRejected(required, 'self-signed');
    else assertNonePresented(required, 400);
    // With no CA names advertised every platform presents it: the server itself refuses it.
    assertRejected(await app.request('required-unadvertised'), 'self-signed');
    assertInvokerSurfaced400(await app.request('required-a', { api: 'invoke-service' }));
  });

  it('[CA-SERVER-OPTIONAL-NO-CA] an optional_no_ca server answers 200 to a self-signed identity: Android withholds it (NONE), iOS presents it (FAILED:...)', async () => {
    await mustLoad(app, portableBundle(app, 'self-signed'));
    const exchange = await app.request('optional-no-ca');
    assert.equal(exchange.status, 200, JSON.stringify(exchange.observation));
    if (app.device.platform === 'ios') {
      // iOS presents the file's first identity whatever the server advertises (§3).
      assertPresented(exchange, 'self-signed');
      assert.match(exchange.observation?.verify ?? '', /^FAILED:/);
      assert.equal(exchange.observation?.subject, identity('self-signed').subject);
    } else {
      // Android's rule (§2): the server advertises A, the self-signed identity does not fit.
      assertNonePresented(exchange, 200);
    }
    await mustLoad(app, portableBundle(app, 'rsa-a'));
    assertAccepted(await app.request('optional-no-ca'), 'rsa-a');
  });
});

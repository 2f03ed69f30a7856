/// <reference types="mocha" />
/**
 * What the server judges: expired and untrusted identities are refused with HTTP 400
 * "certificate-error" after a completed handshake (nginx semantics, platform-facts §4), and the
 * client surfaces that 400 as a response through both APIs; optional_no_ca tolerates an
 * untrusted issuer.
 */
import assert from 'node:assert/strict';
import type { Exchange } from './support/app.js';
import { useApp } from './support/use-app.js';
import { assertAccepted, assertLoaded, assertNonePresented, assertPresented, assertRejected, identity, judging, portableBundle } from './helpers/identities.js';

describe('server judgement', () => {
  const app = useApp();

  /** The service invoker reports the server's 400 as a failed call carrying the response code. */
  function assertInvokerSurfaced400(exchange: Exchange): void {
    judging(exchange);
    const view = exchange.result as { opstatus: number | null; responsecode: number | null };
    assert.equal(view.responsecode, 400, `invoker: ${JSON.stringify(exchange.result)}`);
    assert.notEqual(view.opstatus, 0, `invoker reported success for a 400: ${JSON.stringify(exchange.result)}`);
    assert.notEqual(view.opstatus, null, `invoker gave no opstatus: ${JSON.stringify(exchange.result)}`);
  }

  it('[CA-SERVER-REJECTS-EXPIRED] an expired identity is presented and refused with 400 certificate-error', async () => {
    const [loaded, exchange, optional, optionalNoCa, invoked] = await app.batch(
      app.loadStep(portableBundle(app, 'expired')), app.requestStep('required-a'), app.requestStep('optional-a'),
      app.requestStep('optional-no-ca'), app.requestStep('required-a', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, portableBundle(app, 'expired'));
    assertRejected(exchange, 'expired');
    assert.match(exchange.observation?.verify ?? '', /expired/i);
    assertRejected(optional, 'expired');
    assertRejected(optionalNoCa, 'expired'); // expiry is not an issuer problem
    assertInvokerSurfaced400(invoked);
  });

  it('[CA-SERVER-REJECTS-UNTRUSTED] a self-signed identity gets a 400 from a server requiring root A', async () => {
    const [loaded, required, unadvertised, invoked] = await app.batch(
      app.loadStep(portableBundle(app, 'self-signed')), app.requestStep('required-a'),
      app.requestStep('required-unadvertised'), app.requestStep('required-a', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, portableBundle(app, 'self-signed'));
    judging(required);
    // Android withholds it (not under an advertised CA), iOS presents it: either way no SUCCESS.
    assert.equal(required.status, 400, JSON.stringify(required.observation));
    assert.notEqual(required.observation?.verify, 'SUCCESS', JSON.stringify(required.observation));
    if (app.device.platform === 'ios') assertRejected(required, 'self-signed');
    else assertNonePresented(required, 400);
    // With no CA names advertised every platform presents it: the server itself refuses it.
    assertRejected(unadvertised, 'self-signed');
    assertInvokerSurfaced400(invoked);
  });

  it('[CA-SERVER-OPTIONAL-NO-CA] an optional_no_ca server answers 200 to a self-signed identity: Android withholds it (NONE), iOS presents it (FAILED:...)', async () => {
    const [loadedSelf, exchange, loadedA, withA] = await app.batch(
      app.loadStep(portableBundle(app, 'self-signed')), app.requestStep('optional-no-ca'),
      app.loadStep(portableBundle(app, 'rsa-a')), app.requestStep('optional-no-ca'),
    );
    assertLoaded(loadedSelf, portableBundle(app, 'self-signed'));
    judging(exchange);
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
    assertLoaded(loadedA, portableBundle(app, 'rsa-a'));
    assertAccepted(withA, 'rsa-a');
  });
});

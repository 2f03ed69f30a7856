/// <reference types="mocha" />
/**
 * Chains: an identity issued by an intermediate CA (under root A) passes a server that trusts
 * only root A, which it can only do if the client sends the intermediate from the bundle.
 */
import assert from 'node:assert/strict';
import { useApp } from './support/use-app.js';
import { assertAccepted, assertLoaded, identity, portableBundle } from './helpers/identities.js';

describe('certificate chains', () => {
  const app = useApp();

  it('[CA-CHAIN-INTERMEDIATE] leaf + intermediate from the bundle: the root-A server answers SUCCESS', async () => {
    const [loaded, exchange, invoked] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-intermediate')),
      app.requestStep('required-intermediate'),
      app.requestStep('required-intermediate', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, portableBundle(app, 'rsa-intermediate'));
    assertAccepted(exchange, 'rsa-intermediate');
    assert.equal(exchange.observation?.issuer, identity('rsa-intermediate').issuer);
    assert.notEqual(identity('rsa-intermediate').issuer, identity('rsa-a').issuer, 'the leaf is not issued by root A itself');
    assertAccepted(invoked, 'rsa-intermediate');
  });
});

/// <reference types="mocha" />
/**
 * TLS versions: the certificate reaches a TLS 1.2-only server (CertificateRequest in clear)
 * and a TLS 1.3-only server (CertificateRequest encrypted); the server reports the protocol.
 */
import assert from 'node:assert/strict';
import type { Exchange } from './support/app.js';
import { useApp } from './support/use-app.js';
import { assertAccepted, assertLoaded, portableBundle } from './helpers/identities.js';

describe('TLS versions', () => {
  const app = useApp();

  // Literal titles, so that a search of the spec sources finds each requirement ID.
  async function presentedThroughBothApis(scenario: string, protocol: string): Promise<void> {
    const apis = ['http-request', 'invoke-service'] as const;
    const [loaded, ...exchanges] = await app.batch(app.loadStep(portableBundle(app, 'rsa-a')), ...apis.map((api) => app.requestStep(scenario, { api })));
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    for (const [i, api] of apis.entries()) {
      const exchange = exchanges[i] as Exchange;
      assertAccepted(exchange, 'rsa-a');
      assert.equal(exchange.observation?.protocol, protocol, `${api}: ${JSON.stringify(exchange.observation)}`);
    }
  }

  it('[CA-TLS12] a TLSv1.2-only server requiring a certificate receives it through both APIs', async () => {
    await presentedThroughBothApis('tls12-required-a', 'TLSv1.2');
  });

  it('[CA-TLS13] a TLSv1.3-only server requiring a certificate receives it through both APIs', async () => {
    await presentedThroughBothApis('tls13-required-a', 'TLSv1.3');
  });
});

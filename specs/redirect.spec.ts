/// <reference types="mocha" />
/**
 * Redirects: an HttpRequest to a server that asks for no certificate, redirected (302) to one
 * that requires one, presents there the identity loaded at that moment. A runtime that does
 * not follow redirects cannot show the behaviour: the test is skipped, not passed.
 */
import assert from 'node:assert/strict';
import type { IdentityName } from '../servers/pki/types.js';
import type { Exchange } from './support/app.js';
import { useApp } from './support/use-app.js';
import { assertAccepted, assertLoaded, portableBundle } from './helpers/identities.js';

describe('redirects', () => {
  const app = useApp();

  /** A 302 returned as it is: the runtime does not follow redirects (the sources do not require it). */
  function followed(test: Mocha.Context, exchange: Exchange): void {
    if (exchange.status === 302) test.skip();
  }

  it('[CA-REDIRECT-PRESENTS] a redirect from a server without client authentication presents the loaded identity, then the one loaded next', async function () {
    const load = (name: IdentityName) => app.loadStep(portableBundle(app, name));
    const [loadedA, toA, loadedB, toB] = await app.batch(
      load('rsa-a'), app.requestStep('required-a', { redirectFrom: 'no-client-auth' }),
      load('ec-b'), app.requestStep('required-b', { redirectFrom: 'no-client-auth' }),
    );
    assertLoaded(loadedA, portableBundle(app, 'rsa-a'));
    followed(this, toA);
    assertAccepted(toA, 'rsa-a');
    assertLoaded(loadedB, portableBundle(app, 'ec-b'));
    assertAccepted(toB, 'ec-b');
    assert.equal(toB.observation?.connectionRequests, 1, `the hop to required-b came over an older connection: ${JSON.stringify(toB.observation)}`);
  });
});

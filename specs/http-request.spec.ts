/// <reference types="mocha" />
/**
 * voltmx.net.HttpRequest as far as the app contract shows it (the final readyState, status
 * and body of one request): a connection failure or a failed TLS handshake still ends at DONE,
 * with status 0.
 */
import assert from 'node:assert/strict';
import type { HttpRequestResult } from '../devices/conformance-app/contract.js';
import { useApp } from './support/use-app.js';
import { assertAccepted, assertLoaded, judging, portableBundle } from './helpers/identities.js';
import { closedPort, hostUrl, httpRequestAtStep } from './helpers/raw-request.js';

describe('voltmx.net.HttpRequest', () => {
  const app = useApp();

  it('[CA-HTTP-DONE-ON-FAILURE] a refused connection ends with readyState DONE and status 0, and the next request works', async () => {
    const closed = hostUrl(app, await closedPort(), '/whoami');
    const [loaded, failed, next] = await app.batch(app.loadStep(portableBundle(app, 'rsa-a')), httpRequestAtStep(closed), app.requestStep('required-a'));
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    assert.equal(failed.readyState, 4, JSON.stringify(failed));
    assert.equal(failed.status, 0, JSON.stringify(failed));
    assertAccepted(next, 'rsa-a');
  });

  it('[CA-HTTP-DONE-ON-FAILURE] a failed TLS handshake (untrusted server certificate) ends with readyState DONE and status 0', async () => {
    const [loaded, failed, next] = await app.batch(app.loadStep(portableBundle(app, 'rsa-a')), app.requestStep('untrusted-server'), app.requestStep('required-a'));
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    judging(failed);
    const result = failed.result as HttpRequestResult;
    assert.equal(result.readyState, 4, JSON.stringify(result));
    assert.equal(result.status, 0, JSON.stringify(result));
    assert.equal(failed.observation, null, `the server answered: ${JSON.stringify(failed.observation)}`);
    assertAccepted(next, 'rsa-a');
  });
});

/// <reference types="mocha" />
/**
 * voltmx.net.HttpRequest as far as the app contract shows it (the final readyState, status
 * and body of one request): a connection failure or a failed TLS handshake still ends at DONE,
 * with status 0.
 */
import assert from 'node:assert/strict';
import type { HttpRequestResult } from '../devices/conformance-app/contract.js';
import { App } from './support/app.js';
import { assertAccepted, mustLoad, portableBundle } from './helpers/identities.js';
import { closedPort, hostUrl, httpRequestAt } from './helpers/raw-request.js';

describe('voltmx.net.HttpRequest', () => {
  let app: App;

  before(async () => {
    app = new App();
    await app.restart();
  });

  it('[CA-HTTP-DONE-ON-FAILURE] a refused connection ends with readyState DONE and status 0, and the next request works', async () => {
    await mustLoad(app, portableBundle(app, 'rsa-a'));
    const failed = await httpRequestAt(app, hostUrl(app, await closedPort(), '/whoami'));
    assert.equal(failed.readyState, 4, JSON.stringify(failed));
    assert.equal(failed.status, 0, JSON.stringify(failed));
    assertAccepted(await app.request('required-a'), 'rsa-a');
  });

  it('[CA-HTTP-DONE-ON-FAILURE] a failed TLS handshake (untrusted server certificate) ends with readyState DONE and status 0', async () => {
    await mustLoad(app, portableBundle(app, 'rsa-a'));
    const failed = await app.request('untrusted-server');
    const result = failed.result as HttpRequestResult;
    assert.equal(result.readyState, 4, JSON.stringify(result));
    assert.equal(result.status, 0, JSON.stringify(result));
    assert.equal(failed.observation, null, `the server answered: ${JSON.stringify(failed.observation)}`);
    assertAccepted(await app.request('required-a'), 'rsa-a');
  });
});

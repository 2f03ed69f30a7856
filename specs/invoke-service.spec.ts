/// <reference types="mocha" />
/**
 * voltmx.net.invokeServiceAsync error codes around client authentication. A client-auth
 * refusal that nginx sends as HTTP 400 after a completed handshake is an HTTP response, not an
 * SSL error (the catalog's decision CA-ERRCODE-HTTP-400, docs/decisions.md D6): errcode 1012 with
 * responsecode 400. A real TLS failure (a server certificate the app does not trust) is 1200.
 * Connection failures: 1016 closed port, 1014 timeout.
 */
import assert from 'node:assert/strict';
import type { InvokeServiceResultView } from '../devices/conformance-app/contract.js';
import { useApp } from './support/use-app.js';
import { assertLoaded, judging, portableBundle } from './helpers/identities.js';
import { SilentServer, closedPort, hostUrl, invokeAt, invokeAtStep } from './helpers/raw-request.js';
import { assertAccepted } from './helpers/identities.js';

describe('service invoker error codes', () => {
  const app = useApp();

  function assertFailedWith(view: InvokeServiceResultView, errcode: number): void {
    const seen = JSON.stringify(view);
    assert.equal(view.errcode, errcode, seen);
    // "anything else failure": whether opstatus repeats the errcode is not documented.
    assert.ok(view.opstatus !== 0 && view.opstatus !== null, `opstatus says failure: ${seen}`);
    assert.equal(view.statuses.at(-1), 400, `the callback ends with 400: ${seen}`);
  }

  /** 100 first, one 400 last, nothing but 200 (in progress, how often is not documented) between. */
  function assertStatusSequence(statuses: readonly number[], what: string): void {
    assert.equal(statuses[0], 100, `${what}: ${JSON.stringify(statuses)}`);
    assert.equal(statuses.at(-1), 400, `${what}: ${JSON.stringify(statuses)}`);
    assert.ok(statuses.length >= 2 && statuses.slice(1, -1).every((s) => s === 200), `${what}: only 200 between 100 and 400: ${JSON.stringify(statuses)}`);
  }

  it('[CA-INVOKE-STATUSES] the callback sees 100, then 200 (in progress), and ends with 400, on success and on failure', async () => {
    const closed = hostUrl(app, await closedPort());
    const [ok, refused] = await app.batch(invokeAtStep(app.url('no-client-auth', '/service')), invokeAtStep(closed));
    assertStatusSequence(ok.statuses, 'a call that succeeds');
    assertStatusSequence(refused.statuses, 'a call that cannot connect');
  });

  it('[CA-INVOKE-SUCCESS] opstatus 0 and responsecode 200; POST by default, httpconfig.method chooses GET', async () => {
    const url = app.url('no-client-auth', '/service');
    const [byDefault, viaGet, loaded, withB] = await app.batch(
      invokeAtStep(url, { greeting: 'hello' }),
      invokeAtStep(url, { greeting: 'hello', httpconfig: { method: 'get' } }),
      app.loadStep(portableBundle(app, 'ec-b')),
      app.requestStep('required-b', { api: 'invoke-service' }),
    );
    assert.equal(byDefault.opstatus, 0, JSON.stringify(byDefault));
    assert.equal(byDefault.responsecode, 200, JSON.stringify(byDefault));
    assert.equal(byDefault.result?.method, 'POST', JSON.stringify(byDefault.result));
    assert.match(String(byDefault.result?.echo), /greeting=hello/);
    assert.equal(viaGet.opstatus, 0, JSON.stringify(viaGet));
    assert.equal(viaGet.result?.method, 'GET', JSON.stringify(viaGet.result));
    assertLoaded(loaded, portableBundle(app, 'ec-b'));
    assertAccepted(withB, 'ec-b');
  });

  it('[CA-ERRCODE-HTTP-400] a server\'s HTTP 400 after a completed handshake is errcode 1012 with responsecode 400, not 1200', async () => {
    const [none, loaded, refused] = await app.batch(
      app.requestStep('required-a', { api: 'invoke-service' }), // no identity under root A loaded
      app.loadStep(portableBundle(app, 'expired')),
      app.requestStep('required-a', { api: 'invoke-service' }),
    );
    judging(none);
    assertFailedWith(none.result as InvokeServiceResultView, 1012);
    assert.equal(none.status, 400);
    assertLoaded(loaded, portableBundle(app, 'expired'));
    judging(refused);
    assertFailedWith(refused.result as InvokeServiceResultView, 1012);
    assert.equal(refused.status, 400);
  });

  it('[CA-ERRCODE-1200] a self-signed server certificate (same host names) fails the handshake: errcode 1200, no HTTP exchange', async () => {
    const [loaded, failed, trusted] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-a')),
      app.requestStep('untrusted-server', { api: 'invoke-service' }),
      app.requestStep('no-client-auth', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    judging(failed);
    assertFailedWith(failed.result as InvokeServiceResultView, 1200);
    assert.equal(failed.observation, null, `the server answered: ${JSON.stringify(failed.observation)}`);
    // Control: the same names, served with a trusted certificate, work.
    judging(trusted);
    assert.deepEqual([trusted.status, trusted.observation?.verify], [200, 'NONE'], JSON.stringify(trusted.result));
  });

  it('[CA-ERRCODE-CONNECT] a closed port gives errcode 1016', async () => {
    assertFailedWith(await invokeAt(app, hostUrl(app, await closedPort())), 1016);
  });

  it('[CA-ERRCODE-CONNECT] a server that accepts the connection and never answers gives 1014 after httpconfig.timeout', async () => {
    const silent = await SilentServer.start();
    try {
      assertFailedWith(await invokeAt(app, hostUrl(app, silent.port), { httpconfig: { method: 'get', timeout: 1 } }), 1014);
    } finally {
      await silent.stop();
    }
  });
});

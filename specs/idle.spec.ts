/// <reference types="mocha" />
/**
 * A long idle period in the same launch: the idle-required-a server closes kept-alive
 * connections after a short idle time and keeps TLS sessions as briefly, standing in for
 * minutes of idling; the app idles past both, so the next request needs a new connection and
 * a full handshake, where the loaded certificate must still be presented, by both APIs.
 */
import assert from 'node:assert/strict';
import { scenario } from '../servers/scenarios/catalog.js';
import type { Exchange } from './support/app.js';
import { useApp } from './support/use-app.js';
import { assertAccepted, assertLoaded, portableBundle } from './helpers/identities.js';

const IDLE = scenario('idle-required-a');
/**
 * Past the keep-alive timeout and the session lifetime; OpenSSL counts session time in whole
 * seconds, so a session may live up to one second longer than its timeout.
 */
const IDLE_MS = Math.max(IDLE.keepAliveTimeoutMs ?? 0, (IDLE.sessionTimeoutS ?? 0) * 1_000 + 1_000) + 1_000;

describe('the certificate after a long idle period', () => {
  const app = useApp();

  /** The server's part, not the client's: it closed the idle connection and forgot the session. */
  function serverForgot(exchange: Exchange): void {
    const seen = JSON.stringify(exchange.observation);
    if (exchange.observation?.connectionRequests !== 1) throw new Error(`idle-required-a kept the connection through ${IDLE_MS} ms of idling: ${seen}`);
    if (exchange.observation.sessionReused) throw new Error(`idle-required-a resumed a session after ${IDLE_MS} ms of idling: ${seen}`);
  }

  it('[CA-IDLE-STILL-IN-FORCE] after idling beyond keep-alive and session lifetimes, both APIs present the loaded identity on a full handshake', async () => {
    const [loaded, before, beforeInvoke, idled, after, afterInvoke] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-a')),
      app.requestStep('idle-required-a'), app.requestStep('idle-required-a', { api: 'invoke-service' }),
      app.idleStep(IDLE_MS),
      app.requestStep('idle-required-a'), app.requestStep('idle-required-a', { api: 'invoke-service' }),
    );
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    assertAccepted(before, 'rsa-a');
    assertAccepted(beforeInvoke, 'rsa-a');
    assert.ok(Number((idled as { idledMs?: number }).idledMs) >= IDLE_MS, `the app did not idle ${IDLE_MS} ms: ${JSON.stringify(idled)}`);
    assertAccepted(after, 'rsa-a');
    serverForgot(after);
    assertAccepted(afterInvoke, 'rsa-a');
  });
});

import { setTimeout as delay } from 'node:timers/promises';
import { connect } from 'node:tls';
import { ServerInfrastructureError } from './errors.js';

/**
 * Waits until a TLS handshake completes on the port. Works on ports that require a client
 * certificate: nginx and the embedded servers complete the handshake without one (and answer
 * 400 later), so no client identity is needed here.
 */
export async function waitForTls(port: number, timeoutMs = 10_000, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (!alive()) throw new ServerInfrastructureError('START_FAILED', `server on port ${port} exited during start-up`);
    try {
      await handshake(port);
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await delay(25);
    }
  }
  throw new ServerInfrastructureError('NOT_READY', `no TLS handshake on 127.0.0.1:${port} (${lastError})`);
}

function handshake(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false });
    socket.setTimeout(2000, () => socket.destroy(new Error('handshake timeout')));
    socket.once('secureConnect', () => { socket.destroy(); resolve(); });
    socket.once('error', reject);
  });
}

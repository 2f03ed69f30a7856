/**
 * Child process for section 9: the TLS clients, kept out of the bench process so that the
 * bench's own CPU time is the server's. Started with fork() (IPC): each message asks for
 * `count` fresh handshakes (agent: false, Connection: close), `concurrency` in flight, and is
 * answered with the wall time and the first answer. Keys arrive over IPC, never on disk or argv.
 */
import { request } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { SecureVersion, TLSSocket } from 'node:tls';

export interface HandshakeBatch {
  readonly id: number;
  readonly url: string;
  readonly version: SecureVersion;
  readonly ca: string;
  /** The identity presented when the server asks for one; none for the no-client-auth rows. */
  readonly identity?: { readonly key: string; readonly cert: string };
  readonly count: number;
  readonly concurrency: number;
}

export interface HandshakeBatchResult {
  readonly id: number;
  readonly wallMs: number;
  /** The first answer's status, negotiated protocol and body (the server's observation). */
  readonly status: number;
  readonly protocol: string | null;
  readonly body: string;
  readonly failures: number;
  readonly firstError?: string;
}

interface Answer { readonly status: number; readonly protocol: string | null; readonly body: string }

function get(batch: HandshakeBatch): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(batch.url, {
      agent: false, ca: batch.ca, minVersion: batch.version, maxVersion: batch.version,
      headers: { connection: 'close' }, ...(batch.identity ?? {}),
    }, (res) => {
      const protocol = (res.socket as TLSSocket).getProtocol?.() ?? null;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, protocol, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function run(batch: HandshakeBatch): Promise<HandshakeBatchResult> {
  let next = 0;
  let failures = 0;
  let firstError: string | undefined;
  let first: Answer | undefined;
  const lane = async (): Promise<void> => {
    while (next < batch.count) {
      const index = next++;
      try {
        const answer = await get(batch);
        if (index === 0) first = answer;
        if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
      } catch (error) {
        failures++;
        firstError ??= (error as Error).message;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, batch.concurrency) }, lane));
  const wallMs = performance.now() - started;
  return {
    id: batch.id, wallMs, status: first?.status ?? 0, protocol: first?.protocol ?? null, body: first?.body ?? '', failures,
    ...(firstError ? { firstError } : {}),
  };
}

process.on('message', (batch: HandshakeBatch) => {
  run(batch).then((result) => process.send?.(result), (error: unknown) => process.send?.({
    id: batch.id, wallMs: 0, status: 0, protocol: null, body: '', failures: batch.count, firstError: (error as Error).message,
  } satisfies HandshakeBatchResult));
});
// The bench closes the channel when done: leave with it.
process.on('disconnect', () => process.exit(0));

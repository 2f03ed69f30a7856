/**
 * The parent side of bench/workers/handshake-client.ts: one forked child running the TLS
 * clients, batches sent over IPC. Closing disconnects the channel (the child exits with it);
 * a child that does not is killed by its PID.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { HandshakeBatch, HandshakeBatchResult } from '../workers/handshake-client.js';
import { BenchError } from '../../support/errors/index.js';

const BATCH_TIMEOUT_MS = 120_000;
const worker = fileURLToPath(new URL('../workers/handshake-client.ts', import.meta.url));

export class HandshakeClientError extends BenchError {
  readonly code = 'BENCH_HANDSHAKE_CLIENT';
  constructor(message = 'the handshake client process failed') {
    super(message);
  }
}

export class HandshakeClients {
  private nextId = 0;
  private stderr = '';
  private readonly pending = new Map<number, { resolve: (r: HandshakeBatchResult) => void; reject: (e: Error) => void }>();
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-4096); });
    child.on('message', (result: HandshakeBatchResult) => {
      this.pending.get(result.id)?.resolve(result);
      this.pending.delete(result.id);
    });
    child.once('exit', (code, signal) => {
      this.exited = true;
      const error = new HandshakeClientError(`the handshake client exited (${signal ?? code}): ${this.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    });
  }

  static async start(): Promise<HandshakeClients> {
    const child = fork(worker, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    await once(child, 'spawn');
    return new HandshakeClients(child);
  }

  run(batch: Omit<HandshakeBatch, 'id'>): Promise<HandshakeBatchResult> {
    if (this.exited) return Promise.reject(new HandshakeClientError('the handshake client is gone'));
    const id = this.nextId++;
    return new Promise<HandshakeBatchResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HandshakeClientError(`no answer to a batch of ${batch.count} handshakes within ${BATCH_TIMEOUT_MS} ms`));
      }, BATCH_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.child.send({ ...batch, id } satisfies HandshakeBatch);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, 'exit');
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => { if (!this.exited && this.child.pid) this.child.kill('SIGKILL'); }, 2_000);
    await exited;
    clearTimeout(timer);
  }
}

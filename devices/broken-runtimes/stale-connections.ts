/**
 * BROKEN on purpose: one keep-alive connection pool for the whole launch. A load changes
 * what new connections present (the reference's agent of the new generation makes them),
 * but pooled connections made with the old identity stay in the pool and are reused.
 * Expected to fail CA-REPLACE-KEEPALIVE (and CA-REPLACE where a spec returns to a server
 * whose connection is still pooled).
 */
import { Agent, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';
import { wrapRuntime } from './wrap-runtime.js';

type ConnectCallback = (err: Error | null, stream: Duplex) => void;

/** The launch's only pool; connections come from the presenter of the current generation. */
export class PoolKeepingAgent extends Agent {
  private presenter: ClientCertificateAgent | null = null;

  constructor() {
    super({ keepAlive: true, maxCachedSessions: 0 });
  }

  /** New connections present as `next` from now on; pooled ones are left alone (the defect). */
  presentWith(next: ClientCertificateAgent): this {
    this.presenter?.retire();
    this.presenter = next;
    return this;
  }

  override createConnection(options: RequestOptions, callback?: ConnectCallback): Duplex | null | undefined {
    if (!this.presenter) throw new Error('no presenter yet');
    return this.presenter.createConnection(options, callback);
  }

  /** What the store calls when a generation ends: ignored, so the old sockets stay pooled. */
  retire(): void {}

  /** The launch is over: everything closes. */
  end(): void {
    this.presenter?.retire();
    this.destroy();
  }
}

export const createRuntime: RuntimeFactory = (options) => {
  const pool = new PoolKeepingAgent();
  const inner = createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => pool.presentWith(new ClientCertificateAgent(agentOptions)),
  });
  return wrapRuntime(inner, { afterShutdown: () => pool.end() });
};

export default createRuntime;

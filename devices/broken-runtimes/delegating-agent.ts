/**
 * The frame the broken runtimes' agents share: a keep-alive agent that hands each connection
 * to one of its inner reference agents (the subclass picks, in createConnection: that choice is
 * the defect) and retires and destroys them together. A retired agent reuses nothing.
 */
import { Agent, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import type { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';

export type ConnectCallback = (err: Error | null, stream: Duplex) => void;

export abstract class DelegatingAgent extends Agent {
  protected retired = false;

  constructor(private readonly inner: readonly ClientCertificateAgent[]) {
    super({ keepAlive: true, maxCachedSessions: 0 });
  }

  abstract override createConnection(options: RequestOptions, callback?: ConnectCallback): Duplex | null | undefined;

  override keepSocketAlive(socket: Duplex): boolean {
    return !this.retired && (Agent.prototype.keepSocketAlive as unknown as (s: Duplex) => boolean).call(this, socket);
  }

  /** A load replaced this identity: nothing made with it is reused. */
  retire(): void {
    this.retired = true;
    for (const agent of this.inner) agent.retire();
    for (const sockets of Object.values(this.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }

  override destroy(): void {
    for (const agent of this.inner) agent.destroy();
    super.destroy();
  }
}

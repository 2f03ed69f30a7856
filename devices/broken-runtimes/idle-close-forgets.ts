/**
 * BROKEN on purpose: when a kept-alive connection that sat idle in the pool closes (the
 * server's keep-alive timeout, or the client's own idle timer that follows the server's
 * Keep-Alive hint), the runtime forgets the loaded certificate: every later connection of that
 * launch presents none, until the next load. Expected to fail CA-IDLE-STILL-IN-FORCE (only its
 * scenario lets connections idle out within a test; the others keep them 75 s).
 */
import { Agent, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent, type ClientCertificateAgentOptions } from '../../reference/tls/client-certificate-agent.js';

type ConnectCallback = (err: Error | null, stream: Duplex) => void;

class ForgetsOnIdleCloseAgent extends Agent {
  private readonly presenting: ClientCertificateAgent;
  private readonly withholding: ClientCertificateAgent;
  private forgotten = false;
  private retired = false;

  constructor(agentOptions: ClientCertificateAgentOptions) {
    super({ keepAlive: true, maxCachedSessions: 0 });
    this.presenting = new ClientCertificateAgent(agentOptions);
    this.withholding = new ClientCertificateAgent({ ...agentOptions, identities: [] });
  }

  override createConnection(options: RequestOptions, callback?: ConnectCallback): Duplex | null | undefined {
    const agent = this.forgotten ? this.withholding : this.presenting;
    agent.createConnection(options, (err, stream) => {
      // Listening before node's agent does: the socket is still in the pool when it closes idle.
      if (!err) stream.once('close', () => { if (!this.retired && this.pooled(stream)) this.forgotten = true; });
      callback?.(err, stream);
    });
    return undefined;
  }

  private pooled(socket: Duplex): boolean {
    return Object.values(this.freeSockets).some((sockets) => sockets?.includes(socket as never));
  }

  override keepSocketAlive(socket: Duplex): boolean {
    return !this.retired && (Agent.prototype.keepSocketAlive as unknown as (s: Duplex) => boolean).call(this, socket);
  }

  retire(): void {
    this.retired = true;
    this.presenting.retire();
    this.withholding.retire();
    for (const sockets of Object.values(this.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }

  override destroy(): void {
    this.presenting.destroy();
    this.withholding.destroy();
    super.destroy();
  }
}

export const createRuntime: RuntimeFactory = (options) => createRuntimeWith(options, {
  decodePkcs12,
  createAgent: (agentOptions) => new ForgetsOnIdleCloseAgent(agentOptions),
});

export default createRuntime;

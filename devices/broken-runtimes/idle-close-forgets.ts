/**
 * BROKEN on purpose: when a kept-alive connection that sat idle in the pool closes (the
 * server's keep-alive timeout, or the client's own idle timer that follows the server's
 * Keep-Alive hint), the runtime forgets the loaded certificate: every later connection of that
 * launch presents none, until the next load. Expected to fail CA-IDLE-STILL-IN-FORCE (only its
 * scenario lets connections idle out within a test; the others keep them 75 s).
 */
import type { RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent, type ClientCertificateAgentOptions } from '../../reference/tls/client-certificate-agent.js';
import { DelegatingAgent, type ConnectCallback } from './delegating-agent.js';

class ForgetsOnIdleCloseAgent extends DelegatingAgent {
  private forgotten = false;

  constructor(
    agentOptions: ClientCertificateAgentOptions,
    private readonly presenting = new ClientCertificateAgent(agentOptions),
    private readonly withholding = new ClientCertificateAgent({ ...agentOptions, identities: [] }),
  ) {
    super([presenting, withholding]);
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
}

export const createRuntime: RuntimeFactory = (options) => createRuntimeWith(options, {
  decodePkcs12,
  createAgent: (agentOptions) => new ForgetsOnIdleCloseAgent(agentOptions),
});

export default createRuntime;

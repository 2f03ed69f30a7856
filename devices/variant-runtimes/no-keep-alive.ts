/**
 * VARIANT (correct): never keeps a connection alive; every request makes a new TLS connection.
 * The sources say nothing about connection reuse, so this conforms: the keep-alive
 * requirements (CA-REPLACE-KEEPALIVE, CA-REMOVE-KEEPALIVE) cannot be shown and skip.
 */
import type { Duplex } from 'node:stream';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';

class NoKeepAliveAgent extends ClientCertificateAgent {
  override keepSocketAlive(_socket: Duplex): boolean {
    return false;
  }
}

export const createRuntime: RuntimeFactory = (options) => createRuntimeWith(options, {
  decodePkcs12,
  createAgent: (agentOptions) => new NoKeepAliveAgent(agentOptions),
});

export default createRuntime;

/**
 * VARIANT (correct): never resumes a TLS session; every new connection is a full handshake.
 * Resumption is an optimisation no source asks for.
 */
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';

export const createRuntime: RuntimeFactory = (options) => createRuntimeWith(options, {
  decodePkcs12,
  createAgent: (agentOptions) => new ClientCertificateAgent({ ...agentOptions, resumeSessions: false }),
});

export default createRuntime;

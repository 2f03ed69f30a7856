/** createRuntime: one app launch of the reference runtime, starting with no certificate. */
import type { RuntimeOptions } from './contract.js';
import type { ReferenceRuntime } from './reference-runtime.js';
import { createRuntimeWith } from './create-runtime-with.js';
import { decodePkcs12 } from '../pkcs12/index.js';
import { ClientCertificateAgent } from '../tls/client-certificate-agent.js';

export const createRuntime = (options: RuntimeOptions): ReferenceRuntime =>
  createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => new ClientCertificateAgent(agentOptions),
  });

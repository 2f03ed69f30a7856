/** createRuntime: one app launch of the reference runtime, starting with no certificate. */
import type { RuntimeFactory, RuntimeOptions, VoltmxRuntime } from './contract.js';
import { createRuntimeWith } from './create-runtime-with.js';
import { decodePkcs12 } from '../pkcs12/index.js';
import { ClientCertificateAgent } from '../tls/client-certificate-agent.js';

export const createRuntime: RuntimeFactory = (options: RuntimeOptions): VoltmxRuntime =>
  createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => new ClientCertificateAgent(agentOptions),
  });

/**
 * BROKEN on purpose: the Android profile presents the first identity of the file to any
 * server that asks, whatever CA names and key types it advertises (the iOS rule everywhere).
 * Expected to fail the CA-MULTI-ANDROID-* selection requirements; iOS is unaffected.
 *
 * Re-assembled from the reference's parts, with the agent told it runs on iOS.
 */
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';

export const createRuntime: RuntimeFactory = (options) =>
  createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => new ClientCertificateAgent({ ...agentOptions, platform: 'ios' }),
  });

export default createRuntime;

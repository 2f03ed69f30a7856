/**
 * BROKEN on purpose: on Android the advertised CA names are compared with the chain's issuer
 * names byte for byte, so an issuer spelled otherwise than its CA's subject (PrintableString
 * for UTF8String, other letter case) never matches. Android compares X500Principals.
 * Expected to fail CA-MULTI-ANDROID-X500-NAMES.
 */
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { issuerNameDer } from '../../reference/tls/certificate-names.js';
import { ClientCertificateAgent, type IdentitySelector } from '../../reference/tls/client-certificate-agent.js';

/** Exported for its unit test. */
export const byBytes: IdentitySelector = (platform, identities, probe) => {
  if (!probe.requested || identities.length === 0) return null;
  if (platform === 'ios') return identities[0]!;
  const { keyTypes, certificateAuthorities } = probe.request;
  return identities.find((identity) => keyTypes.has(identity.keyType) && (certificateAuthorities.length === 0
    || identity.chain.some((c) => certificateAuthorities.some((name) => name.equals(issuerNameDer(c)))))) ?? null;
};

export const createRuntime: RuntimeFactory = (options) =>
  createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => new ClientCertificateAgent({ ...agentOptions, selectIdentity: byBytes }),
  });

export default createRuntime;

/**
 * BROKEN on purpose: on Android in TLS 1.2 the acceptable key types come from the
 * CertificateRequest's certificate_types alone, ignoring signature_algorithms. Against a Java
 * server that lists every certificate type but allows only ECDSA signatures it picks an RSA
 * identity it cannot sign with, and an empty Certificate goes out. OpenSSL servers cannot show
 * it (their lists always agree). Expected to fail CA-MULTI-ANDROID-TLS12-KEY-TYPES.
 */
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent, type IdentitySelector } from '../../reference/tls/client-certificate-agent.js';
import { selectIdentity } from '../../reference/tls/identity-selector.js';

/** Exported for its unit test. */
export const byCertificateTypes: IdentitySelector = (platform, identities, probe) => {
  const types = probe.requested ? probe.request.certificateTypeKeyTypes : undefined;
  if (!probe.requested || !types) return selectIdentity(platform, identities, probe);
  return selectIdentity(platform, identities, { ...probe, request: { ...probe.request, keyTypes: types } });
};

export const createRuntime: RuntimeFactory = (options) =>
  createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => new ClientCertificateAgent({ ...agentOptions, selectIdentity: byCertificateTypes }),
  });

export default createRuntime;

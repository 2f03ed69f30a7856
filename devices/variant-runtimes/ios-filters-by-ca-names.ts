/**
 * VARIANT (correct): on iOS, the identity presented is the first of the file whose chain was
 * issued by a CA the server names in its CertificateRequest (URLSession's
 * `protectionSpace.distinguishedNames`, platform-facts §3); an empty list takes the first
 * identity, no match presents none. No source forbids it. Differs from the reference's
 * decision CA-MULTI-IOS-UNFILTERED (the first identity whatever the server names), and only
 * there. Key types are not filtered: Apple presents whatever the app hands it.
 */
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { ClientIdentity } from '../../reference/credentials/client-identity.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import type { ProbeResult } from '../../reference/tls/certificate-request.js';
import { issuerNameDer } from '../../reference/tls/certificate-names.js';
import { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';
import { sameX500Name } from '../../reference/tls/x500-canonical.js';

function byCaNames(_platform: unknown, identities: readonly ClientIdentity[], probe: ProbeResult): ClientIdentity | null {
  if (!probe.requested || identities.length === 0) return null;
  const names = probe.request.certificateAuthorities;
  if (names.length === 0) return identities[0]!;
  return identities.find((identity) => identity.chain.some((certificate) => names.some((name) => sameX500Name(name, issuerNameDer(certificate))))) ?? null;
}

export const createRuntime: RuntimeFactory = (options) => createRuntimeWith(options, {
  decodePkcs12,
  // The agent's 'android' path reads the CertificateRequest first (a probe); the choice is ours.
  createAgent: (agentOptions) => (agentOptions.platform === 'ios'
    ? new ClientCertificateAgent({ ...agentOptions, platform: 'android', selectIdentity: byCaNames })
    : new ClientCertificateAgent(agentOptions)),
});

export default createRuntime;

/**
 * Which of the loaded identities a platform presents for a given CertificateRequest.
 * Android follows Conscrypt's KeyManagerImpl.chooseClientAlias (platform-facts §2);
 * iOS presents the first identity of the file (the usual SecPKCS12Import practice, §3).
 */
import type { ClientIdentity } from '../credentials/client-identity.js';
import type { Platform } from '../runtime/contract.js';
import type { CertificateRequestInfo, ProbeResult } from './certificate-request.js';
import { issuerNameDer } from './certificate-names.js';
import { sameX500Name } from './x500-canonical.js';

/**
 * Whether `identity` qualifies under Conscrypt's rule for `request`. CA names match as
 * X500Principal.equals matches them (canonical forms), not byte for byte.
 */
export function qualifiesOnAndroid(identity: ClientIdentity, request: CertificateRequestInfo): boolean {
  if (!request.keyTypes.has(identity.keyType)) return false;
  if (request.certificateAuthorities.length === 0) return true;
  return identity.chain.some((certificate) => {
    const issuer = issuerNameDer(certificate);
    return request.certificateAuthorities.some((name) => sameX500Name(name, issuer));
  });
}

/**
 * The identity to present, or null for none (an empty Certificate message when asked).
 * Among several qualifying identities Android's order is unspecified; this picks file order.
 */
export function selectIdentity(
  platform: Platform,
  identities: readonly ClientIdentity[],
  probe: ProbeResult,
): ClientIdentity | null {
  if (!probe.requested || identities.length === 0) return null;
  if (platform === 'ios') return identities[0]!;
  return identities.find((identity) => qualifiesOnAndroid(identity, probe.request)) ?? null;
}

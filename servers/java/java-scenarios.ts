/**
 * What the Java judge serves: CertificateRequests only a non-OpenSSL server sends. SunJSSE lists
 * every certificate type (ecdsa_sign, rsa_sign, dss_sign) whatever its signature algorithms
 * allow; OpenSSL servers (nginx, Node) derive certificate_types from their signature algorithms,
 * so the main fleet cannot show a client that ignores signature_algorithms in TLS 1.2.
 */
import type { CaName } from '../pki/types.js';
import type { ServerCredentialName, TlsProtocol } from '../scenarios/types.js';

/** Which TLS signature schemes the server allows (its own and the client's CertificateVerify). */
export type JavaSignatureSchemes = 'any' | 'ECDSA' | 'RSA';

export interface JavaScenario {
  readonly id: string;
  readonly description: string;
  /** nginx semantics: the handshake completes without a certificate; 'required' then answers 400. */
  readonly clientAuth: 'required' | 'optional';
  readonly advertisedCas: readonly CaName[];
  readonly trustedCas: readonly CaName[];
  readonly verifyDepth: number;
  readonly protocols: readonly TlsProtocol[];
  readonly signatures: JavaSignatureSchemes;
  /** ECDSA-only servers need the EC credential to sign their own handshake. */
  readonly serverCredential: Exclude<ServerCredentialName, 'untrustedServer'>;
}

const A_OR_B = { clientAuth: 'required', advertisedCas: ['A', 'B'], trustedCas: ['A', 'B'], verifyDepth: 1 } as const;
const BOTH: readonly TlsProtocol[] = ['TLSv1.2', 'TLSv1.3'];

export const JAVA_SCENARIOS: readonly JavaScenario[] = [
  {
    id: 'java-tls12-ecdsa-signatures', ...A_OR_B, protocols: ['TLSv1.2'], signatures: 'ECDSA', serverCredential: 'serverEc',
    description: 'SunJSSE, TLS 1.2, advertises A and B; certificate_types ecdsa_sign, rsa_sign, dss_sign but ECDSA-only signature_algorithms: only an EC identity can answer.',
  },
  {
    id: 'java-tls12-rsa-signatures', ...A_OR_B, protocols: ['TLSv1.2'], signatures: 'RSA', serverCredential: 'server',
    description: 'SunJSSE, TLS 1.2, advertises A and B; every certificate type listed but RSA-only signature_algorithms: only an RSA identity can answer.',
  },
  {
    id: 'java-required-a-or-b', ...A_OR_B, protocols: BOTH, signatures: 'any', serverCredential: 'server',
    description: 'SunJSSE, advertises and trusts A and B, every signature algorithm: the comparison case.',
  },
  {
    id: 'java-required-a', clientAuth: 'required', advertisedCas: ['A'], trustedCas: ['A'], verifyDepth: 1,
    protocols: BOTH, signatures: 'any', serverCredential: 'server',
    description: 'SunJSSE, requires a certificate under root A (X500Principal-based CA list).',
  },
  {
    id: 'java-required-b', clientAuth: 'required', advertisedCas: ['B'], trustedCas: ['B'], verifyDepth: 1,
    protocols: BOTH, signatures: 'any', serverCredential: 'server',
    description: 'SunJSSE, requires a certificate under root B.',
  },
];

export function javaScenarioIds(): string[] {
  return JAVA_SCENARIOS.map((s) => s.id);
}

import type { KeyType } from '../credentials/client-identity.js';

/** What a server's CertificateRequest said, in TLS 1.2 or TLS 1.3. */
export interface CertificateRequestInfo {
  readonly protocol: 'TLSv1.2' | 'TLSv1.3';
  /**
   * Key types the server accepts: in TLS 1.2 those of certificate_types that signature_algorithms
   * also allow (either list alone when the other is empty), in TLS 1.3 signature_algorithms.
   */
  readonly keyTypes: ReadonlySet<KeyType>;
  /**
   * TLS 1.2 only: the key types of certificate_types alone, before signature_algorithms narrow
   * them (diagnostics, and the broken runtime that ignores signature_algorithms).
   */
  readonly certificateTypeKeyTypes?: ReadonlySet<KeyType>;
  /** DER-encoded DistinguishedNames of acceptable CAs; empty when the server listed none. */
  readonly certificateAuthorities: readonly Buffer[];
}

/** Result of probing a server: did it ask for a certificate, and with what constraints. */
export type ProbeResult =
  | { readonly requested: false; readonly protocol: string }
  | { readonly requested: true; readonly request: CertificateRequestInfo };

import type { CaName } from '../pki/types.js';

/** nginx's ssl_verify_client values; every backend reproduces nginx's behaviour for each. */
export type ClientAuthMode = 'off' | 'optional' | 'required' | 'optional_no_ca';

export type TlsProtocol = 'TLSv1.2' | 'TLSv1.3';

/** Which TestPki server credential a scenario presents (TestPki.server, .serverEc, .untrustedServer). */
export type ServerCredentialName = 'server' | 'serverEc' | 'untrustedServer';

/** Client key types a CertificateRequest accepts: 'any' is OpenSSL's default list, 'ECDSA' ECDSA only. */
export type AcceptedClientKeys = 'any' | 'ECDSA';

/** One TLS server configuration. Data only: every backend derives its configuration from it. */
export interface Scenario {
  readonly id: string;
  readonly description: string;
  readonly clientAuth: ClientAuthMode;
  /** CA names sent in the CertificateRequest (nginx ssl_client_certificate). */
  readonly advertisedCas: readonly CaName[];
  /** CAs a client chain is verified against (advertised ones plus nginx ssl_trusted_certificate). */
  readonly trustedCas: readonly CaName[];
  /** nginx ssl_verify_depth (nginx default 1: leaf + one CA, so an intermediate chain fails). */
  readonly verifyDepth: number;
  readonly protocols: readonly TlsProtocol[];
  /** Server-side session-ID cache (nginx ssl_session_cache shared:...). */
  readonly sessionCache: boolean;
  /** Stateless session tickets (nginx ssl_session_tickets). */
  readonly sessionTickets: boolean;
  /** Default 'server' (RSA under serverCa). */
  readonly serverCredential?: ServerCredentialName;
  /**
   * Default 'any'. 'ECDSA': TLS 1.2 certificate_types ecdsa_sign only, and ECDSA-only
   * signature_algorithms in the CertificateRequest (TLS 1.2 and 1.3); nginx
   * `ssl_conf_command ClientSignatureAlgorithms`. Needs serverCredential 'serverEc' (Node
   * can only restrict both directions at once).
   */
  readonly acceptedClientKeys?: AcceptedClientKeys;
  /**
   * How long a kept-alive connection may sit idle before the server closes it (nginx
   * keepalive_timeout); default 75 s, nginx's. Short only where a scenario is about idling.
   */
  readonly keepAliveTimeoutMs?: number;
  /** How long the server keeps a TLS session (cache and tickets; nginx ssl_session_timeout); default 300 s. */
  readonly sessionTimeoutS?: number;
}

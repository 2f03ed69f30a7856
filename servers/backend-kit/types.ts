import type { TestPki } from '../pki/types.js';
import type { DownloadPolicy } from '../scenarios/downloads.js';
import type { Scenario } from '../scenarios/types.js';

export type BackendName = 'embedded' | 'nginx' | 'testcontainers';

/** What a server observed about one request: the judge's view. Same shape on every backend. */
export interface ServerObservation {
  /** Scenario id of the server that answered. */
  readonly server: string;
  /** SUCCESS, NONE or FAILED:<reason>, as nginx's $ssl_client_verify. */
  readonly verify: string;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly serial: string | null;
  readonly fingerprint: string | null;
  readonly protocol: string;
  readonly sessionReused: boolean;
  readonly sni: string | null;
  /**
   * Requests served on this TCP/TLS connection so far, this one included (nginx
   * $connection_requests): 1 on a fresh connection, 2+ over a kept-alive one.
   */
  readonly connectionRequests: number;
  /**
   * Id of this request's handshake transcript (StartedBackend.transcript): nginx $request_id,
   * or the embedded server's own. Differs on every request, so comparisons across backends
   * leave it out. Absent on the Java judge.
   */
  readonly exchange?: string;
}

/**
 * Where a transcript field came from: this exchange's handshake, the scenario's configuration,
 * or 'probe': read off the wire of a probe handshake to the same server and protocol, not this
 * exchange's bytes (fleet/probed-transcripts.ts; the CertificateRequest of nginx and the Java judge).
 */
export type TranscriptSource = 'handshake' | 'configuration' | 'probe';

/** One certificate of the chain the server received. */
export interface TranscriptCertificate {
  /** OpenSSL-style (RFC 2253, $ssl_client_s_dn) distinguished names. */
  readonly subject: string;
  readonly issuer: string;
  /** SHA-256 of the DER, lower-case hex. */
  readonly sha256: string;
  /** 'rsa-2048', 'ec-prime256v1', 'ed25519', ... */
  readonly keyType: string;
}

/** What the server asked for in its CertificateRequest. */
export interface TranscriptCertificateRequest {
  /** certificate_authorities / TLS 1.2 CA list, OpenSSL-style DNs; [] when none advertised. */
  readonly caNames: readonly string[];
  /**
   * IANA SignatureScheme names in wire order (ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256,
   * rsa_pkcs1_sha256, ...; TLS 1.2 pairs RFC 8446 leaves unnamed as rsa_sha224, dsa_sha256;
   * unknown code points as 0x0a0b); [] when the backend could not tell (see unfilled).
   */
  readonly signatureAlgorithms: readonly string[];
  /** TLS 1.2 only: certificate_types, IANA names (rsa_sign, dss_sign, ecdsa_sign; unknown as 0x07). */
  readonly certificateTypes?: readonly string[];
}

/** The handshake as the server saw it (as BoringSSL's runner and tlsfuzzer keep them). */
export interface HandshakeTranscript {
  readonly exchange: string;
  readonly server: string;
  readonly backend: BackendName | 'java';
  readonly tlsVersion: string;
  readonly resumed: boolean;
  /**
   * null: the server sent no CertificateRequest (client auth off, or a resumed handshake), or
   * the backend could not read the one it sent (then `unfilled` says so).
   */
  readonly certificateRequest: TranscriptCertificateRequest | null;
  /** Leaf first; empty when the client sent no certificate. */
  readonly clientCertificates: readonly TranscriptCertificate[];
  /** Per field: read off this handshake, off a probe handshake, or derived from the scenario's configuration. */
  readonly source: Readonly<Record<'tlsVersion' | 'resumed' | 'certificateRequest' | 'clientCertificates', TranscriptSource>>;
  /** Fields this backend cannot fill (left empty above), e.g. 'clientCertificates[1..]' on nginx. */
  readonly unfilled: readonly string[];
}

/** Body of a client-auth failure (HTTP 400), nginx semantics. */
export interface ClientAuthFailure extends ServerObservation {
  readonly error: 'no-certificate' | 'certificate-error';
}

/**
 * How late /slow answers, on every backend. Long enough that a request is still in flight
 * while the app runs its next steps, even on a loaded machine where a bridged app's calls
 * (the JavaScriptCore host) wait their turn behind other devices' work.
 */
export const SLOW_ANSWER_MS = 1_500;

/** Body of /service (GET or POST): what the service invoker sees. */
export interface ServiceResponse {
  readonly opstatus: 0;
  readonly observation: ServerObservation;
  readonly method: string;
  /** The raw request body (UTF-8) of a POST, '' when there is none. */
  readonly echo: string;
}

export interface ScenarioEndpoint {
  readonly scenario: string;
  readonly port: number;
  /** https://localhost:<port> */
  readonly origin: string;
}

/** What a backend is asked to run: every scenario on its own loopback port. */
export interface BackendPlan {
  readonly pki: TestPki;
  readonly scenarios: readonly Scenario[];
  /** Private (0700) folder for the backend's generated files; removed by the fleet. */
  readonly workDir: string;
  /** Addresses every server listens on (fleet/network.ts listenAddresses); default 127.0.0.1. */
  readonly listen?: readonly string[];
  /** Fixed port per scenario, in `scenarios` order; default: free ports. */
  readonly ports?: readonly number[];
  /** Which scenarios serve which bundles under /p12/; default: all of them everywhere. */
  readonly downloads?: DownloadPolicy;
}

/** Why a backend is no longer serving; null while healthy. */
export interface BackendFailure {
  readonly code: 'PROCESS_EXITED' | 'CONTAINER_EXITED' | 'SERVER_CLOSED';
  readonly detail: string;
}

/** What a started backend owns outside this process (for cleanup checks and reports). */
export interface BackendResources {
  readonly pids: readonly number[];
  readonly containerIds: readonly string[];
}

export interface StartedBackend {
  readonly endpoints: readonly ScenarioEndpoint[];
  resources(): BackendResources;
  failure(): Promise<BackendFailure | null>;
  logs(scenario?: string): string;
  /** The transcript of the request whose observation carried this exchange id; null when unknown or evicted. */
  transcript?(scenario: string, exchange: string): HandshakeTranscript | null;
  /** Idempotent. */
  stop(): Promise<void>;
}

export interface FleetBackend {
  readonly name: BackendName;
  start(plan: BackendPlan): Promise<StartedBackend>;
}

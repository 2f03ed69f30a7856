/**
 * Handshake transcripts: what a server asked for and what it received, built by the judges
 * themselves (servers/ shares no TLS or PKCS#12 code with reference/).
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import type { TestPki } from '../pki/types.js';
import { ECDSA_SIGNATURE_SCHEMES } from '../scenarios/catalog.js';
import type { Scenario } from '../scenarios/types.js';
import { rfc2253 } from '../wire/index.js';
import type {
  BackendName, HandshakeTranscript, TranscriptCertificate, TranscriptCertificateRequest, TranscriptSource,
} from './types.js';

/** Transcripts a backend keeps per scenario (oldest evicted): a whole run's exchanges fit. */
export const TRANSCRIPTS_PER_SCENARIO = 2_000;

/** A fresh exchange id, in nginx $request_id's form (32 hex digits). */
export function newExchangeId(): string {
  return randomBytes(16).toString('hex');
}

export function describeCertificate(cert: X509Certificate): TranscriptCertificate {
  return {
    subject: rfc2253(cert.subject),
    issuer: rfc2253(cert.issuer),
    sha256: createHash('sha256').update(cert.raw).digest('hex'),
    keyType: keyTypeOf(cert),
  };
}

function keyTypeOf(cert: X509Certificate): string {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return `${key.asymmetricKeyType}-${details.modulusLength ?? '?'}`;
  if (key.asymmetricKeyType === 'ec') return `ec-${details.namedCurve ?? '?'}`;
  return key.asymmetricKeyType ?? 'unknown';
}

/**
 * What a scenario's CertificateRequest holds, from its configuration (the same on every backend),
 * or as read off the handshake (the embedded backend).
 */
export interface ConfiguredRequest {
  readonly request: TranscriptCertificateRequest | null;
  readonly unfilled: readonly string[];
}

export function configuredCertificateRequest(pki: TestPki, scenario: Scenario, tlsVersion: string): ConfiguredRequest {
  if (scenario.clientAuth === 'off') return { request: null, unfilled: [] };
  const caNames = scenario.advertisedCas.map((name) => rfc2253(new X509Certificate(pki.cas[name].certificate.pem).subject));
  const unfilled: string[] = [];
  const ecdsaOnly = scenario.acceptedClientKeys === 'ECDSA';
  // Without a configured list the server sends OpenSSL's built-in default, which we do not restate.
  const signatureAlgorithms = ecdsaOnly ? [...ECDSA_SIGNATURE_SCHEMES] : [];
  if (!ecdsaOnly) unfilled.push('certificateRequest.signatureAlgorithms (OpenSSL default list)');
  if (tlsVersion !== 'TLSv1.2') return { request: { caNames, signatureAlgorithms }, unfilled };
  // OpenSSL derives TLS 1.2 certificate_types from the signature algorithms.
  if (!ecdsaOnly) unfilled.push('certificateRequest.certificateTypes (OpenSSL default)');
  return { request: { caNames, signatureAlgorithms, certificateTypes: ecdsaOnly ? ['ecdsa_sign'] : [] }, unfilled };
}

export interface TranscriptParts {
  readonly exchange: string;
  readonly server: string;
  readonly backend: BackendName | 'java';
  readonly tlsVersion: string;
  readonly resumed: boolean;
  readonly chain: readonly X509Certificate[];
  readonly configured: ConfiguredRequest;
  /** Where `configured` came from; default 'configuration'. */
  readonly requestSource?: TranscriptSource;
  /** Fields this backend cannot see, besides what the configuration leaves open. */
  readonly unfilled?: readonly string[];
}

export function buildTranscript(parts: TranscriptParts): HandshakeTranscript {
  const requestSource = parts.requestSource ?? 'configuration';
  // A resumed handshake (TLS 1.2 abbreviated, TLS 1.3 PSK) carries no CertificateRequest.
  const configured = parts.resumed && requestSource === 'configuration' ? { request: null, unfilled: [] } : parts.configured;
  return {
    exchange: parts.exchange,
    server: parts.server,
    backend: parts.backend,
    tlsVersion: parts.tlsVersion,
    resumed: parts.resumed,
    certificateRequest: configured.request,
    clientCertificates: parts.chain.map(describeCertificate),
    source: { tlsVersion: 'handshake', resumed: 'handshake', certificateRequest: requestSource, clientCertificates: 'handshake' },
    unfilled: [...configured.unfilled, ...(parts.unfilled ?? [])],
  };
}

/** How long a lookup right after a response waits for its transcript (nginx logs after answering). */
export const TRANSCRIPT_SETTLE_MS = 2_000;

/**
 * Polls `lookup` until it finds a transcript or `deadline` (epoch ms) passes. nginx writes its
 * log line after the response, and the Java judge's stdout line races the answer's socket: a
 * client holding the answer may look a moment too early.
 */
export async function settledTranscript(
  lookup: () => HandshakeTranscript | null,
  deadline = Date.now() + TRANSCRIPT_SETTLE_MS,
): Promise<HandshakeTranscript | null> {
  for (;;) {
    const found = lookup();
    if (found || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Bounded, insertion-ordered store of one scenario's transcripts. */
export class TranscriptStore {
  private readonly byExchange = new Map<string, HandshakeTranscript>();

  constructor(private readonly limit = TRANSCRIPTS_PER_SCENARIO) {}

  add(transcript: HandshakeTranscript): void {
    this.byExchange.set(transcript.exchange, transcript);
    if (this.byExchange.size > this.limit) this.byExchange.delete(this.byExchange.keys().next().value as string);
  }

  get(exchange: string): HandshakeTranscript | null {
    return this.byExchange.get(exchange) ?? null;
  }
}

/**
 * A handshake transcript in one sentence: what the server asked for and what it received, so
 * a red result reads without the JSON. Reports keep the full transcript beside it.
 */
import type { HandshakeTranscript, TranscriptCertificate } from '../../servers/backend-kit/types.js';

/** The common name when there is one: the rest of a test PKI's names repeats itself. */
function shortName(dn: string): string {
  return /(?:^|,)CN=((?:\\.|[^,\\])+)/.exec(dn)?.[1] ?? dn;
}

function listed(values: readonly string[], none: string): string {
  return values.length ? values.join(', ') : none;
}

function certificate(c: TranscriptCertificate): string {
  return `${shortName(c.subject)} (${c.keyType}, issued by ${shortName(c.issuer)})`;
}

function isTranscript(value: unknown): value is HandshakeTranscript {
  const t = value as Partial<HandshakeTranscript> | null;
  return typeof t === 'object' && t !== null && typeof t.server === 'string' && typeof t.tlsVersion === 'string' && Array.isArray(t.clientCertificates);
}

/** One transcript as a sentence; null for something that is not one (an older results.json). */
export function summarizeTranscript(value: unknown): string | null {
  if (!isTranscript(value)) return null;
  const t = value;
  const head = `${t.server} (${t.backend}) ${t.tlsVersion}${t.resumed ? ' resumed' : ''}`;
  const request = t.certificateRequest;
  const unfilled = (field: string): string | undefined => t.unfilled.find((u) => u.includes(field));
  let asked: string;
  if (request) {
    const schemes = request.signatureAlgorithms.length ? request.signatureAlgorithms.join(', ')
      : `not recorded${unfilled('signatureAlgorithms') ? ` (${unfilled('signatureAlgorithms')!.replace(/^certificateRequest\.signatureAlgorithms\s*/, '').replace(/^\((.*)\)$/, '$1')})` : ''}`;
    const types = request.certificateTypes ? `; types ${listed(request.certificateTypes, 'not recorded')}` : '';
    // nginx and the Java judge: the request of a probe handshake to the same server and protocol.
    const probed = t.source?.certificateRequest === 'probe' ? ' (read off a probe handshake)' : '';
    asked = `asked for a certificate from ${listed(request.caNames.map(shortName), 'any CA (no names sent)')}${types}; schemes ${schemes}${probed}`;
  } else {
    asked = t.resumed ? 'no CertificateRequest (a resumed session carries none)' : unfilled('certificateRequest') ? 'CertificateRequest not recorded' : 'did not ask for a certificate';
  }
  const [leaf, ...rest] = t.clientCertificates;
  const received = leaf ? `received ${certificate(leaf)}${rest.length ? `, then ${rest.map((c) => shortName(c.subject)).join(', ')}` : ''}` : 'received no certificate';
  return `${head}: ${asked}; ${received}`;
}

/** The sentences of a result's transcripts (the field holds an array of them). */
export function summarizeTranscripts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.map(summarizeTranscript).filter((s): s is string => s !== null);
}

/**
 * The handshake behind a result: the one of the observation its failure names (its exchange),
 * else the last one.
 */
export function judgedHandshake(transcript: unknown, observedExchange: string | undefined): string | undefined {
  const list = (Array.isArray(transcript) ? transcript : transcript == null ? [] : [transcript]).filter(isTranscript);
  const judged = list.find((t) => observedExchange !== undefined && t.exchange === observedExchange) ?? list.at(-1);
  return judged ? summarizeTranscript(judged) ?? undefined : undefined;
}

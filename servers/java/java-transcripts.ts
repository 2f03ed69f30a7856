/**
 * Handshake transcripts of the Java judge: the JVM prints one TRANSCRIPT line per request on
 * stdout (version, reuse and the chain SunJSSE received, from the handshake); the
 * CertificateRequest comes from the scenario's configuration, its signature list left open:
 * StartedServerFleet.settledTranscript() reads the real one off a probe handshake
 * (fleet/probed-transcripts.ts).
 */
import { X509Certificate } from 'node:crypto';
import type { TestPki } from '../pki/types.js';
import { rfc2253 } from '../wire/index.js';
import { buildTranscript, TRANSCRIPTS_PER_SCENARIO } from '../backend-kit/transcript.js';
import type { HandshakeTranscript, TranscriptCertificateRequest } from '../backend-kit/types.js';
import type { JavaScenario } from './java-scenarios.js';

interface Line { readonly port: number; readonly protocol: string; readonly reused: boolean; readonly chain: readonly string[] }

const PATTERN = /^TRANSCRIPT (\d+) ([0-9a-f]{32}) (\S+) (true|false) (\S+)$/;

export class JavaTranscripts {
  private readonly lines = new Map<string, Line>();

  constructor(private readonly pki: TestPki, private readonly scenarios: readonly JavaScenario[]) {}

  /** Takes one stdout line; false when it is not a transcript line. */
  accept(text: string): boolean {
    const match = PATTERN.exec(text);
    if (!match) return false;
    const [, port, exchange, protocol, reused, chain] = match as unknown as [string, string, string, string, string, string];
    this.lines.set(exchange, { port: Number(port), protocol, reused: reused === 'true', chain: chain === '-' ? [] : chain.split(',') });
    // One judge process serves every Java scenario: bound the whole store.
    if (this.lines.size > TRANSCRIPTS_PER_SCENARIO * this.scenarios.length) this.lines.delete(this.lines.keys().next().value as string);
    return true;
  }

  transcript(scenarioId: string, port: number | undefined, exchange: string): HandshakeTranscript | null {
    const scenario = this.scenarios.find((s) => s.id === scenarioId);
    const line = this.lines.get(exchange);
    if (!scenario || !line || line.port !== port) return null;
    const chain = line.chain.map((b64) => new X509Certificate(Buffer.from(b64, 'base64')));
    const request: TranscriptCertificateRequest = {
      caNames: scenario.advertisedCas.map((name) => rfc2253(new X509Certificate(this.pki.cas[name].certificate.pem).subject)),
      signatureAlgorithms: [],
      // SunJSSE lists every certificate type whatever its signature algorithms (java-scenarios.ts).
      ...(line.protocol === 'TLSv1.2' ? { certificateTypes: ['ecdsa_sign', 'rsa_sign', 'dss_sign'] } : {}),
    };
    const schemes = scenario.signatures === 'any' ? "SunJSSE's default list" : `SunJSSE's list restricted to ${scenario.signatures}`;
    return buildTranscript({
      exchange, server: scenario.id, backend: 'java', tlsVersion: line.protocol, resumed: line.reused, chain,
      configured: { request, unfilled: [`certificateRequest.signatureAlgorithms (${schemes})`] },
    });
  }
}

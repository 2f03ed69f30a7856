/**
 * Handshake transcripts on the nginx backends (host process and container share workDir): the
 * version, reuse and leaf come from nginx's variables in the transcript log; the
 * CertificateRequest from the scenario's configuration (StartedServerFleet.settledTranscript()
 * reads the real one off a probe handshake, fleet/probed-transcripts.ts). nginx exposes only the leaf
 * ($ssl_client_raw_cert), so the rest of the chain the client sent is not seen.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPki } from '../pki/types.js';
import { buildTranscript, configuredCertificateRequest } from '../backend-kit/transcript.js';
import type { BackendName, HandshakeTranscript } from '../backend-kit/types.js';
import { TRANSCRIPT_LOG, type NginxServer } from './nginx-config.js';

interface TranscriptLine { exchange: string; port: string; protocol: string; reused: string; cert: string }

export class NginxTranscripts {
  constructor(
    private readonly backend: BackendName,
    private readonly workDir: string,
    private readonly pki: TestPki,
    /** nginx's own ports ($server_port; a container's, not the mapped host ports). */
    private readonly servers: readonly NginxServer[],
  ) {}

  transcript(scenarioId: string, exchange: string): HandshakeTranscript | null {
    const planned = this.servers.find((s) => s.scenario.id === scenarioId);
    if (!planned || !/^[0-9a-f]{32}$/.test(exchange)) return null;
    const line = this.find(exchange);
    if (!line || Number(line.port) !== planned.port) return null;
    const { scenario } = planned;
    const chain = line.cert ? [new X509Certificate(line.cert)] : [];
    return buildTranscript({
      exchange, server: scenario.id, backend: this.backend, tlsVersion: line.protocol, resumed: line.reused === 'r',
      chain, configured: configuredCertificateRequest(this.pki, scenario, line.protocol),
      unfilled: ['clientCertificates[1..] (nginx exposes only the leaf)'],
    });
  }

  private find(exchange: string): TranscriptLine | null {
    let text: string;
    try { text = readFileSync(join(this.workDir, 'logs', TRANSCRIPT_LOG), 'utf8'); } catch { return null; }
    // nginx writes the id first: a plain search finds the line without parsing the rest.
    const at = text.indexOf(`{"exchange":"${exchange}"`);
    if (at < 0) return null;
    const end = text.indexOf('\n', at);
    return JSON.parse(text.slice(at, end < 0 ? undefined : end)) as TranscriptLine;
  }
}

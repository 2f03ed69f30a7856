/**
 * Fills a transcript's CertificateRequest from a probe handshake (transcript-probe.ts)
 * where the backend rebuilt it from the scenario's configuration (nginx, testcontainers, the
 * Java judge). These servers send the same CertificateRequest at a given protocol whatever the
 * client offers (testing/probe-checks.ts checks it), so one probe per (port, protocol)
 * serves every exchange; it runs only when a transcript is asked for, so a green run pays nothing.
 */
import { probeJudgeCertificateRequest, type TranscriptProbeOptions, type TranscriptProbeOutcome, type ProbeProtocol } from './transcript-probe.js';
import type { HandshakeTranscript } from '../backend-kit/types.js';

/** The `unfilled` entries a probe's reading replaces. */
const PROBE_FILLS = /^certificateRequest\.(signatureAlgorithms|certificateTypes)\b/;

export class TranscriptProbes {
  /**
   * Every outcome, failures too: a server that did not answer a probe (up to its 5 s timeout)
   * would only cost that again for each of a run's failing results.
   */
  private readonly cache = new Map<string, Promise<TranscriptProbeOutcome>>();

  constructor(private readonly options: TranscriptProbeOptions = {}) {}

  /** The CertificateRequest `port` sends at `protocol`, probed once. */
  async request(port: number, protocol: ProbeProtocol): Promise<TranscriptProbeOutcome> {
    const key = `${port} ${protocol}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = probeJudgeCertificateRequest(port, protocol, this.options);
      this.cache.set(key, pending);
    }
    return pending;
  }

  /**
   * The transcript with its CertificateRequest read off a probe to `port` (source 'probe') when
   * the backend took it from the configuration; as it was otherwise (read off this exchange,
   * none sent, or a resumed handshake). A failed probe keeps the configuration and says why in
   * `unfilled`.
   */
  async complete(transcript: HandshakeTranscript, port: number): Promise<HandshakeTranscript> {
    const { tlsVersion } = transcript;
    if (transcript.source.certificateRequest !== 'configuration' || transcript.certificateRequest === null || transcript.resumed) return transcript;
    if (tlsVersion !== 'TLSv1.2' && tlsVersion !== 'TLSv1.3') return transcript;
    const outcome = await this.request(port, tlsVersion);
    if (!outcome.ok || outcome.request === null) {
      const why = outcome.ok ? 'the probe handshake carried no CertificateRequest' : `${outcome.error.code}: ${outcome.error.message}`;
      return { ...transcript, unfilled: [...transcript.unfilled, `certificateRequest from the configuration: probe failed (${why})`] };
    }
    const { caNames, signatureAlgorithms, certificateTypes } = outcome.request;
    return {
      ...transcript,
      certificateRequest: { caNames, signatureAlgorithms, ...(tlsVersion === 'TLSv1.2' && certificateTypes ? { certificateTypes } : {}) },
      source: { ...transcript.source, certificateRequest: 'probe' },
      unfilled: transcript.unfilled.filter((entry) => !PROBE_FILLS.test(entry)),
    };
  }
}

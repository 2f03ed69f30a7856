/**
 * The transcript probe: a TLS client handshake to one judge at one protocol version that reads
 * the CertificateRequest the judge sends, for backends that cannot record their own handshakes
 * (nginx, its container, the Java judge). The client side runs over servers/wire's recording
 * stream, which keeps what the server writes; TLS 1.3 records are opened with the client's own
 * copy of the server handshake traffic secret (the 'keylog' event). The probe presents no
 * certificate (the CertificateRequest comes before the client's Certificate) and trusts any
 * server certificate: it only reads. It completes the handshake and closes with close_notify, so
 * a judge logs no aborted handshake. Bounded in time and bytes; never throws: a typed result.
 * Not the reference's CertificateRequestProbe (reference/tls), which a client runs to choose
 * its identity.
 */
import { connect as connectTcp } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { FlightBytes, readCertificateRequest, RecordingDuplex, type WireCertificateRequest } from '../wire/index.js';
import { ServersError } from '../../support/errors/index.js';

export type ProbeProtocol = 'TLSv1.2' | 'TLSv1.3';

export type TranscriptProbeErrorCode =
  /** Nothing listens (ECONNREFUSED), or the connection broke before the server's flight. */
  | 'CONNECT_FAILED'
  /** No complete server flight within the time limit. */
  | 'TIMEOUT'
  /** The recorded bytes hold no readable CertificateRequest (HandshakeReadError's code in the message). */
  | 'UNREADABLE';

export class TranscriptProbeError extends ServersError {
  constructor(readonly code: TranscriptProbeErrorCode, message = `transcript probe failed: ${code}`) {
    super(message);
  }
}

export type TranscriptProbeOutcome =
  /** request null: the server sent no CertificateRequest at this version. */
  | { readonly ok: true; readonly request: WireCertificateRequest | null }
  | { readonly ok: false; readonly error: TranscriptProbeError };

export interface TranscriptProbeOptions {
  /** Default 127.0.0.1: every fleet server listens there (fleet/network.ts listenAddresses). */
  readonly host?: string;
  /** Default 5000 ms for the whole probe. */
  readonly timeoutMs?: number;
  /** The client's offer (OpenSSL syntax), to show that the server's request does not depend on it. */
  readonly sigalgs?: string;
  readonly ciphers?: string;
}

export const PROBE_TIMEOUT_MS = 5_000;

/** The CertificateRequest `port` sends at `protocol`; never throws. */
export function probeJudgeCertificateRequest(
  port: number, protocol: ProbeProtocol, options: TranscriptProbeOptions = {},
): Promise<TranscriptProbeOutcome> {
  return new Promise((resolve) => {
    const host = options.host ?? '127.0.0.1';
    const tcp = connectTcp({ host, port });
    let flight: FlightBytes | null = null;
    let secret: Buffer | null = null;
    let settled = false;
    let tls: TLSSocket | null = null;
    const finish = (outcome: TranscriptProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      secret?.fill(0);
      secret = null;
      resolve(outcome);
    };
    const fail = (code: TranscriptProbeErrorCode, message: string): void =>
      finish({ ok: false, error: new TranscriptProbeError(code, message) });
    /** What the recorded bytes say, whether the handshake completed or broke off after the flight. */
    const settle = (): void => {
      const reading = readCertificateRequest(flight?.bytes() ?? Buffer.alloc(0), secret);
      if (reading.ok) finish({ ok: true, request: reading.request });
      else fail('UNREADABLE', `${host}:${port} (${protocol}): ${reading.error.code}: ${reading.error.message}`);
    };
    const timer = setTimeout(() => {
      fail('TIMEOUT', `no complete server flight from ${host}:${port} (${protocol}) within ${options.timeoutMs ?? PROBE_TIMEOUT_MS} ms`);
      tls?.destroy();
      tcp.destroy();
    }, options.timeoutMs ?? PROBE_TIMEOUT_MS);
    tcp.once('error', (error: NodeJS.ErrnoException) => {
      if (!flight) fail('CONNECT_FAILED', `${host}:${port}: ${error.code ?? error.message}`);
    });
    tcp.once('connect', () => {
      const recorded = new FlightBytes();
      flight = recorded;
      tls = connectTls({
        socket: new RecordingDuplex(tcp, { received: (chunk) => recorded.add(chunk) }), servername: 'localhost', rejectUnauthorized: false, minVersion: protocol, maxVersion: protocol,
        ...(options.sigalgs ? { sigalgs: options.sigalgs } : {}), ...(options.ciphers ? { ciphers: options.ciphers } : {}),
      });
      tls.on('keylog', (line: Buffer) => {
        const [label, , hex] = line.toString('latin1').trim().split(' ');
        if (label === 'SERVER_HANDSHAKE_TRAFFIC_SECRET' && hex !== undefined) secret = Buffer.from(hex, 'hex');
      });
      tls.once('secureConnect', () => {
        settle();
        // close_notify, then the server closes too: no aborted handshake in the judge's log.
        tls?.end();
        // A server that never answers the close_notify: let go a moment later anyway.
        setTimeout(() => tcp.destroy(), 1_000).unref();
      });
      const broken = (why: string): void => {
        if (settled) return;
        // A server may end the handshake after its first flight: what it sent may still be read.
        if (!recorded.empty) settle();
        else fail('CONNECT_FAILED', `${host}:${port} (${protocol}): ${why}`);
        tcp.destroy();
      };
      // on, not once: a broken connection may report more than one error.
      tls.on('error', (error: NodeJS.ErrnoException) => broken(error.code ?? error.message));
      tls.once('close', () => broken('closed before the handshake completed'));
    });
  });
}

/**
 * CertificateRequestProbe: a TLS client handshake to one server at one protocol version that
 * reads the CertificateRequest the server sends, for backends that cannot record their own
 * handshakes (nginx, its container, the Java judge). The client side runs over a JS Duplex that
 * records what the server writes; TLS 1.3 records are opened with the client's own copy of the
 * server handshake traffic secret (the 'keylog' event), through the embedded backend's
 * parser and decryptor. The probe presents no certificate (the CertificateRequest comes before
 * the client's Certificate) and trusts any server certificate: it only reads. It completes the
 * handshake and closes with close_notify, so a judge logs no aborted handshake. Bounded in time
 * and bytes; never throws: a typed result.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { WireCertificateRequest } from '../embedded/certificate-request-parser.js';
import { FLIGHT_LIMIT, readCertificateRequest } from '../embedded/handshake-recorder.js';

export type ProbeProtocol = 'TLSv1.2' | 'TLSv1.3';

export type CertificateRequestProbeErrorCode =
  /** Nothing listens (ECONNREFUSED), or the connection broke before the server's flight. */
  | 'CONNECT_FAILED'
  /** No complete server flight within the time limit. */
  | 'TIMEOUT'
  /** The recorded bytes hold no readable CertificateRequest (HandshakeReadError's code in the message). */
  | 'UNREADABLE';

export class CertificateRequestProbeError extends Error {
  constructor(readonly code: CertificateRequestProbeErrorCode, message = `CertificateRequest probe failed: ${code}`) {
    super(message);
    this.name = 'CertificateRequestProbeError';
  }
}

export type ProbeOutcome =
  /** request null: the server sent no CertificateRequest at this version. */
  | { readonly ok: true; readonly request: WireCertificateRequest | null }
  | { readonly ok: false; readonly error: CertificateRequestProbeError };

export interface ProbeOptions {
  /** Default 127.0.0.1: every fleet server listens there (fleet/network.ts listenAddresses). */
  readonly host?: string;
  /** Default 5000 ms for the whole probe. */
  readonly timeoutMs?: number;
  /** The client's offer (OpenSSL syntax), to show that the server's request does not depend on it. */
  readonly sigalgs?: string;
  readonly ciphers?: string;
}

export const PROBE_TIMEOUT_MS = 5_000;

/** A TCP socket seen through a JS stream: what the server sends is recorded (up to FLIGHT_LIMIT). */
class RecordingClientDuplex extends Duplex {
  readonly received: Buffer[] = [];
  private size = 0;

  constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => {
      if (this.size < FLIGHT_LIMIT) {
        const part = Buffer.from(chunk.subarray(0, FLIGHT_LIMIT - this.size));
        this.received.push(part);
        this.size += part.length;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  override _read(): void { this.socket.resume(); }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void { this.socket.end(callback); }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}

/** The CertificateRequest `port` sends at `protocol`; never throws. */
export function probeCertificateRequest(port: number, protocol: ProbeProtocol, options: ProbeOptions = {}): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const host = options.host ?? '127.0.0.1';
    const tcp = connectTcp({ host, port });
    let duplex: RecordingClientDuplex | null = null;
    let secret: Buffer | null = null;
    let settled = false;
    let tls: TLSSocket | null = null;
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      secret?.fill(0);
      secret = null;
      resolve(outcome);
    };
    const fail = (code: CertificateRequestProbeErrorCode, message: string): void =>
      finish({ ok: false, error: new CertificateRequestProbeError(code, message) });
    /** What the recorded bytes say, whether the handshake completed or broke off after the flight. */
    const settle = (): void => {
      const reading = readCertificateRequest(Buffer.concat(duplex?.received ?? []), secret);
      if (reading.ok) finish({ ok: true, request: reading.request });
      else fail('UNREADABLE', `${host}:${port} (${protocol}): ${reading.error.code}: ${reading.error.message}`);
    };
    const timer = setTimeout(() => {
      fail('TIMEOUT', `no complete server flight from ${host}:${port} (${protocol}) within ${options.timeoutMs ?? PROBE_TIMEOUT_MS} ms`);
      tls?.destroy();
      tcp.destroy();
    }, options.timeoutMs ?? PROBE_TIMEOUT_MS);
    tcp.once('error', (error: NodeJS.ErrnoException) => {
      if (!duplex) fail('CONNECT_FAILED', `${host}:${port}: ${error.code ?? error.message}`);
    });
    tcp.once('connect', () => {
      const recording = new RecordingClientDuplex(tcp);
      duplex = recording;
      tls = connectTls({
        socket: recording, servername: 'localhost', rejectUnauthorized: false, minVersion: protocol, maxVersion: protocol,
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
        if (recording.received.length > 0) settle();
        else fail('CONNECT_FAILED', `${host}:${port} (${protocol}): ${why}`);
        tcp.destroy();
      };
      // on, not once: a broken connection may report more than one error.
      tls.on('error', (error: NodeJS.ErrnoException) => broken(error.code ?? error.message));
      tls.once('close', () => broken('closed before the handshake completed'));
    });
  });
}

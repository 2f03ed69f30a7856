/**
 * A server's first flight as recorded off the wire, and the CertificateRequest read from it:
 * TLS 1.2 in plaintext, TLS 1.3 decrypted with the server handshake traffic secret (from a
 * 'keylog' event, the server's own or the client's). Both recorders (handshake-recorder.ts,
 * the fleet's transcript probe) keep at most FLIGHT_LIMIT bytes.
 */
import { readServerFlight, type WireCertificateRequest } from './certificate-request-parser.js';
import { HandshakeReadError } from './handshake-errors.js';
import { decryptCertificateRequest } from './tls13-handshake-decryptor.js';

/** More than a scenario's first flight needs (server chain + CA names + HelloRetryRequest). */
export const FLIGHT_LIMIT = 32 * 1024;

export type CertificateRequestReading =
  | { readonly ok: true; readonly request: WireCertificateRequest | null }
  | { readonly ok: false; readonly error: HandshakeReadError };

/** The CertificateRequest in a recorded server flight; never throws. */
export function readCertificateRequest(flight: Buffer, serverHandshakeSecret: Buffer | null): CertificateRequestReading {
  try {
    const server = readServerFlight(flight);
    if (server.version === 'TLSv1.2') return { ok: true, request: server.certificateRequest };
    if (!serverHandshakeSecret) throw new HandshakeReadError('NO_SECRET');
    return { ok: true, request: decryptCertificateRequest(server.encryptedRecords, server.cipherSuite, serverHandshakeSecret) };
  } catch (error) {
    return { ok: false, error: error instanceof HandshakeReadError ? error : new HandshakeReadError('MALFORMED', (error as Error).message) };
  }
}

/** The server's bytes of one connection, up to FLIGHT_LIMIT. */
export class FlightBytes {
  private chunks: Buffer[] = [];
  private size = 0;

  get empty(): boolean {
    return this.size === 0;
  }

  add(chunk: Buffer): void {
    if (this.size >= FLIGHT_LIMIT) return;
    const part = Buffer.from(chunk.subarray(0, FLIGHT_LIMIT - this.size));
    this.chunks.push(part);
    this.size += part.length;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }
}

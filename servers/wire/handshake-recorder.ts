/**
 * Records what the embedded server writes during each handshake so its transcript shows the
 * CertificateRequest actually sent. node:https wraps a net.Socket natively (no JS sees the
 * bytes), so each connection is handed over as a RecordingDuplex instead (Node then runs TLS
 * over it through JSStreamSocket). Recording stops when the handshake completes, and at
 * FLIGHT_LIMIT bytes whatever the client does. TLS 1.3 records are decrypted with the server's
 * own handshake traffic secret from its 'keylog' event, matched to the connection by the
 * ClientHello's random; the secret never leaves this process's memory.
 */
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Server as TlsServer, TLSSocket } from 'node:tls';
import { RecordingDuplex } from './recording-duplex.js';
import { FlightBytes, readCertificateRequest, type CertificateRequestReading } from './server-flight-reading.js';

/** Record header (5) + handshake header (4) + legacy_version (2) + random (32). */
const CLIENT_HELLO_HEAD = 43;

/** One connection's recording. */
class ConnectionFlight {
  private readonly flight = new FlightBytes();
  private head: Buffer | null = Buffer.alloc(0);
  private reading: CertificateRequestReading | null = null;
  secret: Buffer | null = null;
  clientRandom: string | null = null;

  constructor(private readonly onClientRandom: (random: string) => void) {}

  get recording(): boolean {
    return this.reading === null;
  }

  fromServer(chunk: Buffer): void {
    if (this.reading === null) this.flight.add(chunk);
  }

  fromClient(chunk: Buffer): void {
    if (this.head === null) return;
    this.head = Buffer.concat([this.head, chunk.subarray(0, CLIENT_HELLO_HEAD - this.head.length)]);
    if (this.head.length < CLIENT_HELLO_HEAD) return;
    // A handshake record starting with a ClientHello; anything else is left unmatched.
    if (this.head[0] === 22 && this.head[5] === 1) {
      this.clientRandom = this.head.subarray(11, CLIENT_HELLO_HEAD).toString('hex');
      this.onClientRandom(this.clientRandom);
    }
    this.head = null;
  }

  /** Parses once (when the handshake is done) and lets go of the bytes and the secret. */
  finish(): CertificateRequestReading {
    if (this.reading === null) {
      this.reading = readCertificateRequest(this.flight.bytes(), this.secret);
      this.release();
    }
    return this.reading;
  }

  release(): void {
    this.flight.clear();
    this.head = null;
    this.secret?.fill(0);
    this.secret = null;
  }
}

/** The recordings of one TLS server's connections. */
export class HandshakeRecorder {
  private readonly byRandom = new Map<string, ConnectionFlight>();
  private readonly bySocket = new WeakMap<TLSSocket, ConnectionFlight>();

  constructor(server: TlsServer) {
    server.on('keylog', (line: Buffer, socket: TLSSocket) => this.keylog(line, socket));
    // Done: stop recording and parse while the bytes are fresh.
    server.on('secureConnection', (socket: TLSSocket) => { this.reading(socket); });
  }

  /** What to hand the TLS server instead of the raw connection. */
  wrap(socket: Socket): Duplex {
    const flight = new ConnectionFlight((random) => {
      // Two live connections with one random (a replaying client): match neither.
      if (this.byRandom.has(random)) this.byRandom.delete(random);
      else this.byRandom.set(random, flight);
    });
    const duplex = new RecordingDuplex(socket, {
      received: (chunk) => { if (flight.recording) flight.fromClient(chunk); },
      sent: (chunk) => flight.fromServer(chunk),
    });
    duplex.once('close', () => {
      this.forget(flight);
      flight.release();
    });
    return duplex;
  }

  /** The CertificateRequest the server sent on this connection; null when it was not recorded. */
  reading(socket: TLSSocket): CertificateRequestReading | null {
    const flight = this.bySocket.get(socket);
    if (!flight) return null;
    this.forget(flight);
    return flight.finish();
  }

  private forget(flight: ConnectionFlight): void {
    if (flight.clientRandom !== null && this.byRandom.get(flight.clientRandom) === flight) this.byRandom.delete(flight.clientRandom);
  }

  /** "<LABEL> <client_random> <secret>" (NSS key log format). */
  private keylog(line: Buffer, socket: TLSSocket): void {
    const [label, random, secret] = line.toString('latin1').trim().split(' ');
    const flight = random === undefined ? undefined : this.byRandom.get(random.toLowerCase());
    if (!flight) return;
    this.bySocket.set(socket, flight);
    if (label === 'SERVER_HANDSHAKE_TRAFFIC_SECRET' && secret !== undefined && flight.recording) flight.secret = Buffer.from(secret, 'hex');
  }
}

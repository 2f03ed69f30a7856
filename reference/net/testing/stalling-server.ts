/**
 * Test support: a TCP server on 127.0.0.1 that accepts connections and then stalls, in one of
 * three ways: never answers ('silent'); answers the ClientHello with the first bytes of a
 * ServerHello record and then nothing ('partial-server-hello': the client is mid-handshake);
 * or holds the connection until open() and then forwards it to a real server ('gate'). It
 * counts connections and tells when they have been accepted, sent their partial ServerHello
 * ('stalled') and all been closed by the client: events to wait on, not durations.
 */
import { EventEmitter } from 'node:events';
import { untilEvent } from '../../testing/until-event.js';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type StallMode = 'silent' | 'partial-server-hello' | { readonly gateTo: number };

/** A TLS 1.2 record header announcing an 80-byte handshake message, then 6 of its bytes. */
const PARTIAL_SERVER_HELLO = Buffer.from([0x16, 0x03, 0x03, 0x00, 0x50, 0x02, 0x00, 0x00, 0x4c, 0x03, 0x03]);

export class StallingServer extends EventEmitter {
  /** Connections accepted so far. */
  accepted = 0;
  /** 'partial-server-hello': connections whose partial ServerHello has been written. */
  stalled = 0;
  private readonly sockets = new Set<Socket>();
  private readonly held: { socket: Socket; bytes: Buffer[] }[] = [];
  private gateOpen = false;
  private emptied: (() => void)[] = [];

  private constructor(private readonly server: Server, private readonly mode: StallMode) {
    super();
  }

  static async start(mode: StallMode): Promise<StallingServer> {
    const server = createServer();
    const stalling = new StallingServer(server, mode);
    server.on('connection', (socket) => stalling.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return stalling;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/', host = 'localhost'): string {
    return `https://${host}:${this.port}${path}`;
  }

  /** Connections the client has not closed yet. */
  get open(): number {
    return this.sockets.size;
  }

  /** Resolves once every accepted connection has been closed (by the client, since we never close). */
  async allClosed(): Promise<void> {
    if (this.sockets.size === 0) return;
    await new Promise<void>((resolve) => this.emptied.push(resolve));
  }

  /** Resolves once `count` connections have been accepted. */
  whenAccepted(count = 1): Promise<void> {
    return untilEvent(this, 'accepted', () => this.accepted >= count, { what: `${count} accepted connection(s)` });
  }

  /** 'partial-server-hello': resolves once `count` connections got their partial ServerHello (the client is mid-handshake). */
  whenStalled(count = 1): Promise<void> {
    return untilEvent(this, 'stalled', () => this.stalled >= count, { what: `${count} partial ServerHello(s) written` });
  }

  /** 'gate' mode: forwards the held connections, and every later one. */
  openGate(): void {
    this.gateOpen = true;
    for (const { socket, bytes } of this.held.splice(0)) this.forward(socket, bytes);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.accepted++;
    this.sockets.add(socket);
    socket.on('error', () => {}); // a client reset is what some tests cause
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.sockets.size === 0) for (const resolve of this.emptied.splice(0)) resolve();
    });
    const mode = this.mode;
    if (mode === 'silent') {
      socket.resume();
    } else if (mode === 'partial-server-hello') {
      socket.once('data', () => socket.write(PARTIAL_SERVER_HELLO, () => {
        this.stalled++;
        this.emit('stalled');
      }));
      socket.resume();
    } else if (this.gateOpen) {
      this.forward(socket, []);
    } else {
      const entry = { socket, bytes: [] as Buffer[] };
      socket.on('data', (chunk: Buffer) => entry.bytes.push(chunk));
      this.held.push(entry);
    }
    this.emit('accepted');
  }

  private forward(socket: Socket, bytes: Buffer[]): void {
    if (typeof this.mode !== 'object' || socket.destroyed) return;
    socket.removeAllListeners('data');
    socket.pause();
    const upstream = connect({ host: '127.0.0.1', port: this.mode.gateTo });
    upstream.on('error', () => socket.destroy());
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    for (const chunk of bytes) upstream.write(chunk);
    socket.pipe(upstream);
    upstream.pipe(socket);
  }
}

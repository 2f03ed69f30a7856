/**
 * Test support: a real node:https server on 127.0.0.1 that records what each client
 * presented. It never rejects a client itself (rejectUnauthorized false) so tests can
 * assert exactly what was sent, including nothing. It emits 'connections' whenever a TLS
 * connection opens or closes, so tests wait on that rather than on the clock.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { untilEvent } from '../testing/until-event.js';

export interface SeenRequest {
  /** CN of the client certificate presented (from the session when resumed), or null. */
  readonly clientCn: string | null;
  /** CNs of the presented chain as the server built it (leaf first). */
  readonly chainCns: readonly string[];
  readonly authorized: boolean;
  readonly reused: boolean;
  readonly protocol: string | null;
  /** Index of the TLS connection the request came on (0-based, in accept order). */
  readonly connection: number;
}

export class MtlsTestServer extends EventEmitter {
  /** TLS connections that completed a handshake. */
  secureConnections = 0;
  /** TCP connections accepted. */
  tcpConnections = 0;
  readonly requests: SeenRequest[] = [];
  private readonly ids = new WeakMap<TLSSocket, number>();
  private readonly open = new Set<TLSSocket>();
  private readonly tcp = new Set<Socket>();
  private readonly held: (() => void)[] = [];
  private released = false;

  private constructor(private readonly server: Server) {
    super();
  }

  static async start(options: ServerOptions): Promise<MtlsTestServer> {
    const server = createServer({ ...options, rejectUnauthorized: false });
    const started = new MtlsTestServer(server);
    server.on('connection', (socket: Socket) => {
      started.tcpConnections++;
      started.tcp.add(socket);
      socket.on('close', () => started.tcp.delete(socket));
    });
    server.on('secureConnection', (socket: TLSSocket) => {
      started.ids.set(socket, started.secureConnections++);
      started.open.add(socket);
      started.emit('connections');
      socket.on('close', () => {
        started.open.delete(socket);
        started.emit('connections');
      });
    });
    // Client sockets that fail the handshake (e.g. a probe torn down) are not test failures.
    server.on('tlsClientError', () => {});
    server.on('request', (req, res) => {
      const socket = req.socket as TLSSocket;
      const seen = started.describe(socket);
      started.requests.push(seen);
      res.setHeader('content-type', 'application/json');
      if (req.url === '/close') res.setHeader('connection', 'close');
      // '/held' keeps the request in flight until release() (retire() while in use).
      if (req.url === '/held' && !started.released) started.held.push(() => res.end(JSON.stringify(seen)));
      else res.end(JSON.stringify(seen));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return started;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Connections the server still has open (keep-alive sockets of clients). */
  get openConnections(): number {
    return this.open.size;
  }

  /** Answers the '/held' requests waiting, and every later one at once. */
  release(): void {
    this.released = true;
    for (const answer of this.held.splice(0)) answer();
  }

  /** Resolves once exactly `count` TLS connections are open. */
  whenOpenConnections(count: number, what: string): Promise<void> {
    return untilEvent(this, 'connections', () => this.open.size === count, { what });
  }

  async close(): Promise<void> {
    // Also sockets still in their handshake: close() would otherwise wait for them.
    for (const socket of [...this.open, ...this.tcp]) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private describe(socket: TLSSocket): SeenRequest {
    const peer = socket.getPeerCertificate(true) as PeerCertificate & { issuerCertificate?: PeerCertificate };
    const present = peer && Object.keys(peer).length > 0;
    const chainCns: string[] = [];
    let node: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = present ? peer : undefined;
    while (node && chainCns.length < 8) {
      chainCns.push(String(node.subject?.CN ?? ''));
      if (!node.issuerCertificate || node.issuerCertificate === node) break;
      node = node.issuerCertificate as typeof node;
    }
    return {
      clientCn: present ? String(peer.subject?.CN ?? '') : null,
      chainCns,
      authorized: socket.authorized,
      reused: socket.isSessionReused(),
      protocol: socket.getProtocol(),
      connection: this.ids.get(socket) ?? -1,
    };
  }
}

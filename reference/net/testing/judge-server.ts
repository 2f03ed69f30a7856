/**
 * Test support: a real node:https server on 127.0.0.1 that tells, per request, which client
 * identity the TLS connection carries, whether the session was resumed, and which connection
 * it came on; plus the routes the request-API tests need (redirects, slow answers, status
 * codes, echo). It never rejects a client unless `requireCertificate` is set. Tests wait on
 * its events: 'request' (a Seen, as the request arrives), 'abandoned' (a Seen whose response the
 * client closed before it was sent) and 'connection-closed' (a connection id).
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants } from 'node:crypto';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { untilEvent } from '../../testing/until-event.js';

export interface JudgeOptions {
  keyPem: string;
  certPem: string;
  /** CAs the server verifies client certificates against. */
  clientCas: string[];
  /** Ask for a client certificate (CertificateRequest). Default true. */
  requestCert?: boolean;
  /** Refuse the handshake without a trusted client certificate. */
  requireCertificate?: boolean;
  /** TLS 1.2 with a server-side session-ID cache and no tickets (else TLS 1.3 with tickets). */
  tls12SessionCache?: boolean;
}

export interface Seen {
  readonly cn: string | null;
  readonly reused: boolean;
  readonly connection: number;
  readonly protocol: string | null;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export class JudgeServer extends EventEmitter {
  readonly seen: Seen[] = [];
  private connections = 0;
  private readonly ids = new WeakMap<TLSSocket, number>();
  private readonly sockets = new Set<TLSSocket>();
  private readonly openIds = new Set<number>();
  private readonly sessions = new Map<string, Buffer>();
  private readonly files = new Map<string, Buffer>();

  private constructor(private readonly server: Server) {
    super();
  }

  static async start(options: JudgeOptions): Promise<JudgeServer> {
    const tls12 = options.tls12SessionCache === true;
    const server = createServer({
      key: options.keyPem,
      cert: options.certPem,
      ca: options.clientCas,
      requestCert: options.requestCert ?? true,
      rejectUnauthorized: options.requireCertificate === true,
      ...(tls12 ? { maxVersion: 'TLSv1.2' as const, secureOptions: constants.SSL_OP_NO_TICKET } : {}),
    });
    const judge = new JudgeServer(server);
    if (tls12) {
      server.on('newSession', (id: Buffer, data: Buffer, done: () => void) => {
        judge.sessions.set(id.toString('hex'), data);
        done();
      });
      server.on('resumeSession', (id: Buffer, done: (err: Error | null, data: Buffer | null) => void) => {
        done(null, judge.sessions.get(id.toString('hex')) ?? null);
      });
    }
    server.on('secureConnection', (socket: TLSSocket) => {
      const id = judge.connections++;
      judge.ids.set(socket, id);
      judge.sockets.add(socket);
      judge.openIds.add(id);
      socket.on('close', () => {
        judge.sockets.delete(socket);
        judge.openIds.delete(id);
        judge.emit('connection-closed', id);
      });
    });
    server.on('tlsClientError', () => {});
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => judge.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return judge;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** https://localhost:port + path: the server certificate names localhost. */
  url(path = '/whoami'): string {
    return `https://localhost:${this.port}${path}`;
  }

  /** TLS connections the server still holds open. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Serves these bytes as application/x-pkcs12 at `path` (a download the app then loads). */
  serve(path: string, bytes: Buffer): this {
    this.files.set(path, bytes);
    return this;
  }

  /** Whether the TLS connection with this id is still open. */
  isOpen(connection: number): boolean {
    return this.openIds.has(connection);
  }

  /** Resolves once the connection has closed (its socket's 'close'), or rejects after `ms`. */
  waitClosed(connection: number, ms = 5000): Promise<void> {
    return untilEvent(this, 'connection-closed', () => !this.isOpen(connection), { what: `connection ${connection} to close`, timeoutMs: ms });
  }

  /** The server ends every open connection, as its keep-alive timeout does with idle ones. */
  endConnections(): void {
    for (const socket of this.sockets) socket.end();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate() as PeerCertificate | undefined;
    const seen: Seen = {
      cn: peer && peer.subject ? String(peer.subject.CN) : null,
      reused: socket.isSessionReused(),
      connection: this.ids.get(socket) ?? -1,
      protocol: socket.getProtocol(),
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
    };
    this.seen.push(seen);
    res.on('close', () => { if (!res.writableFinished) this.emit('abandoned', seen); });
    this.emit('request', seen);
    const url = new URL(req.url ?? '/', 'https://localhost');
    const route = url.pathname;
    const json = (status: number, value: unknown, extra: Record<string, string | string[]> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...extra });
      res.end(JSON.stringify(value));
    };
    const file = this.files.get(route);
    if (file) {
      res.writeHead(200, { 'content-type': 'application/x-pkcs12' });
      res.end(file);
    } else if (route.startsWith('/redirect/')) {
      const status = Number(route.split('/')[2]);
      res.writeHead(status, { location: url.searchParams.get('to') ?? '/whoami' });
      res.end();
    } else if (route === '/slow') {
      const timer = setTimeout(() => json(200, seen), Number(url.searchParams.get('ms') ?? '1000'));
      res.on('close', () => clearTimeout(timer));
    } else if (route.startsWith('/status/')) {
      json(Number(route.split('/')[2]), { ...seen, opstatus: undefined });
    } else if (route === '/service') {
      json(200, { opstatus: Number(url.searchParams.get('opstatus') ?? '0'), data: 'service' });
    } else if (route === '/not-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{not json');
    } else if (route === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'set-cookie': ['a=1', 'b=2'], 'x-multi': ['one', 'two'] });
      res.end('plain text');
    } else if (route === '/bytes') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from([0, 1, 2, 255]));
    } else if (route === '/empty') {
      res.writeHead(204);
      res.end();
    } else if (route === '/close') {
      json(200, seen, { connection: 'close' });
    } else {
      json(200, seen);
    }
  }
}

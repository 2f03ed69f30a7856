/**
 * Test support: one real TLS handshake between node:tls peers on 127.0.0.1, with a plain TCP
 * relay in between that keeps what the server wrote (independent of handshake-recorder.ts),
 * and the server's handshake traffic secret from its own 'keylog' event (kept in memory).
 */
import { once } from 'node:events';
import { connect as tcpConnect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { connect, createServer, type ConnectionOptions, type TlsOptions, type TLSSocket } from 'node:tls';

export interface CapturedHandshake {
  /** Everything the server wrote on the connection, in order. */
  readonly flight: Buffer;
  /** SERVER_HANDSHAKE_TRAFFIC_SECRET (TLS 1.3), null on TLS 1.2. */
  readonly secret: Buffer | null;
  readonly protocol: string | null;
  readonly cipher: string;
  readonly resumed: boolean;
  /** The session the client can resume with. */
  readonly session: Buffer | undefined;
}

export async function captureHandshake(server: TlsOptions, client: ConnectionOptions): Promise<CapturedHandshake> {
  const tlsServer = createServer(server, (socket) => socket.end('done'));
  let secret: Buffer | null = null;
  tlsServer.on('keylog', (line: Buffer) => {
    const [label, , hex] = line.toString('latin1').trim().split(' ');
    if (label === 'SERVER_HANDSHAKE_TRAFFIC_SECRET' && hex) secret = Buffer.from(hex, 'hex');
  });
  tlsServer.on('tlsClientError', () => {});
  tlsServer.listen(0, '127.0.0.1');
  await once(tlsServer, 'listening');
  const written: Buffer[] = [];
  const relays = new Set<Socket>();
  const relay = createTcpServer((inbound) => {
    const outbound = tcpConnect((tlsServer.address() as AddressInfo).port, '127.0.0.1');
    relays.add(inbound).add(outbound);
    outbound.on('data', (chunk: Buffer) => { written.push(Buffer.from(chunk)); inbound.write(chunk); });
    inbound.pipe(outbound);
    outbound.on('end', () => inbound.end());
    for (const s of [inbound, outbound]) s.on('error', () => { inbound.destroy(); outbound.destroy(); });
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  try {
    const socket: TLSSocket = connect({ host: '127.0.0.1', port: (relay.address() as AddressInfo).port, ...client });
    let session: Buffer | undefined;
    socket.on('session', (s: Buffer) => { session = s; });
    await once(socket, 'secureConnect');
    const result = { protocol: socket.getProtocol(), cipher: socket.getCipher().standardName, resumed: socket.isSessionReused() };
    socket.resume();
    await once(socket, 'end');
    socket.destroy();
    return { flight: Buffer.concat(written), secret, session, ...result };
  } finally {
    for (const s of relays) s.destroy();
    relay.close();
    tlsServer.close();
  }
}

/**
 * The oracle's OpenSSL servers: one node:https server per CA list x accepted signature
 * algorithms x TLS version, on loopback. Each asks for a certificate, accepts whatever comes
 * (the oracle compares choices, not verdicts) and answers /whoami with the leaf's SHA-1.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { CaName, TestPki } from '../../servers/pki/types.js';

export type MatrixSignatures = 'any' | 'ECDSA' | 'RSA';
export type MatrixProtocol = 'TLSv1.2' | 'TLSv1.3';

export interface MatrixServer {
  readonly id: string;
  readonly cas: readonly CaName[];
  readonly signatures: MatrixSignatures;
  readonly protocol: MatrixProtocol;
  readonly port: number;
}

export const CA_LISTS: readonly (readonly CaName[])[] = [[], ['A'], ['B'], ['A', 'B'], ['C']];
const SIGALGS: Record<Exclude<MatrixSignatures, 'any'>, string> = {
  ECDSA: 'ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512',
  RSA: 'RSA-PSS+SHA256:RSA-PSS+SHA384:RSA-PSS+SHA512:RSA+SHA256:RSA+SHA384:RSA+SHA512',
};

export class MatrixServers {
  private constructor(readonly servers: readonly MatrixServer[], private readonly handles: readonly Server[]) {}

  static async start(pki: TestPki): Promise<MatrixServers> {
    const servers: MatrixServer[] = [];
    const handles: Server[] = [];
    try {
      for (const cas of CA_LISTS) {
        for (const signatures of ['any', 'ECDSA', 'RSA'] as const) {
          for (const protocol of ['TLSv1.2', 'TLSv1.3'] as const) {
            // A server restricted to ECDSA must sign its own handshake with an EC key.
            const credential = signatures === 'ECDSA' ? pki.serverEc : pki.server;
            const server = createServer({
              key: credential.key.pem, cert: credential.certificate.pem,
              ...(cas.length ? { ca: cas.map((name) => pki.cas[name].certificate.pem) } : {}),
              ...(signatures === 'any' ? {} : { sigalgs: SIGALGS[signatures] }),
              minVersion: protocol, maxVersion: protocol, requestCert: true, rejectUnauthorized: false,
            }, (req, res) => {
              const peer = (req.socket as TLSSocket).getPeerCertificate();
              const fingerprint = peer?.raw ? createHash('sha1').update(peer.raw).digest('hex') : null;
              res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
              res.end(JSON.stringify({ fingerprint }));
            });
            handles.push(server);
            server.listen(0, '127.0.0.1');
            await once(server, 'listening');
            const id = `cas=${cas.join('+') || 'none'} sig=${signatures} ${protocol}`;
            servers.push({ id, cas, signatures, protocol, port: (server.address() as AddressInfo).port });
          }
        }
      }
      return new MatrixServers(servers, handles);
    } catch (error) {
      await new MatrixServers(servers, handles).stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.handles.map((server) => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    })));
  }
}

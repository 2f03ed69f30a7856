import { request, type Agent } from 'node:https';
import type { IdentityInfo, TestPki } from '../../pki/types.js';

export interface ProbeResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly raw: Buffer;
  readonly json: any;
  /** TLS session to resume with (when the server offered one). */
  readonly session: Buffer | undefined;
}

export interface ProbeOptions {
  readonly identity?: IdentityInfo;
  /** Send the leaf only instead of leaf + intermediates. */
  readonly leafOnly?: boolean;
  readonly method?: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly session?: Buffer;
  readonly servername?: string;
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Accept any server certificate (default: only serverCa's). */
  readonly trustAnyServer?: boolean;
  /** A keep-alive agent to send over (default: a fresh connection, closed after the answer). */
  readonly agent?: Agent;
  /** The address to connect to (default 127.0.0.1); loopback only in tests. */
  readonly host?: string;
}

/**
 * A plain node:https client for the servers' own tests (servers/ never uses reference/).
 * Connects to 127.0.0.1 (or options.host) with SNI "localhost" and trusts only the test server CA.
 */
export function probe(pki: TestPki, port: number, path: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const { identity } = options;
  return new Promise((resolve, reject) => {
    let session: Buffer | undefined;
    const req = request({
      host: options.host ?? '127.0.0.1',
      port,
      path,
      method: options.method ?? 'GET',
      servername: options.servername ?? 'localhost',
      ca: pki.serverCa.pem,
      ...(options.trustAnyServer ? { rejectUnauthorized: false } : {}),
      ...(identity ? { key: identity.key.pem, cert: options.leafOnly ? identity.certificate.pem : identity.chain.pem } : {}),
      ...(options.session ? { session: options.session } : {}),
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      agent: options.agent ?? false,
      headers: {
        ...(options.agent ? {} : { connection: 'close' }),
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = raw.toString('utf8');
        let json: unknown;
        try { json = JSON.parse(body); } catch { json = undefined; }
        // TLS 1.3 tickets arrive after the handshake; give them until the response ends.
        setImmediate(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, raw, json, session }));
      });
      res.on('error', reject);
    });
    req.on('socket', (socket) => socket.on('session', (s: Buffer) => { session = s; }));
    req.on('error', reject);
    req.end(options.body);
  });
}

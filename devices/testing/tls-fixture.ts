/**
 * Test-only PKI and TLS server for devices/ tests, made by the real `openssl` CLI in a private
 * temp folder (0700) removed by dispose(). Stands in for the server fleet (servers/) until it
 * lands. The server asks for a client certificate and reports which one it got, as JSON.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClientP12 {
  readonly cn: string;
  readonly password: string;
  readonly bytes: Buffer;
}

export interface TlsFixture {
  readonly caPem: string;
  readonly clientA: ClientP12;
  readonly clientB: ClientP12;
  /** https://localhost:<port>/ ; `/whoami` answers {"cn": string | null}; `/b.p12` serves clientB's bytes. */
  readonly baseUrl: string;
  dispose(): Promise<void>;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

async function issue(dir: string, name: string): Promise<void> {
  await openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  await openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', `${name}.pem`, '-extfile', `${name}.ext`]);
}

export async function createTlsFixture(): Promise<TlsFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'devices-tls-'));
  await chmod(dir, 0o700);
  try {
    await openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=devices-test-ca']);
    await writeFile(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    await writeFile(join(dir, 'client-a.ext'), 'extendedKeyUsage=clientAuth\n');
    await writeFile(join(dir, 'client-b.ext'), 'extendedKeyUsage=clientAuth\n');
    // Sequential: -CAcreateserial writes one serial file.
    for (const name of ['server', 'client-a', 'client-b']) await issue(dir, name);
    const clients: ClientP12[] = [];
    for (const [name, password] of [['client-a', 'pass-a'], ['client-b', '']] as const) {
      await openssl(dir, ['pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.pem`, '-out', `${name}.p12`, '-passout', `pass:${password}`]);
      clients.push({ cn: name, password, bytes: await readFile(join(dir, `${name}.p12`)) });
    }
    const caPem = await readFile(join(dir, 'ca.pem'), 'utf8');
    const server: Server = createServer({
      key: await readFile(join(dir, 'server.key')),
      cert: await readFile(join(dir, 'server.pem')),
      ca: caPem,
      requestCert: true,
      rejectUnauthorized: false,
    }, (req, res) => {
      const socket = req.socket as TLSSocket;
      if (req.url === '/b.p12') {
        res.writeHead(200, { 'content-type': 'application/x-pkcs12' }).end(clients[1].bytes);
        return;
      }
      const peer = socket.getPeerCertificate();
      const cn = socket.authorized && peer && peer.subject ? String(peer.subject.CN) : null;
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cn, method: req.method, body })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      caPem,
      clientA: clients[0],
      clientB: clients[1],
      baseUrl: `https://localhost:${port}/`,
      async dispose() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

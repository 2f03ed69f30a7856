import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { connect as netConnect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect as tlsConnect, createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { createStandardFixtures, type Issued, type StandardFixtures } from '../testing/openssl-pki.js';
import { StallingServer } from '../net/testing/stalling-server.js';
import { probeCertificateRequest, type ProbeOutcome } from './certificate-request-probe.js';
import { ConnectCancelledError } from './errors.js';
import { subjectNameDer } from './certificate-names.js';
import { MtlsTestServer } from './mtls-test-server.js';
import { ServerHandshakeObserver } from './server-handshake-observer.js';
import { TappedStream } from './tapped-stream.js';
import type { ServerOptions } from 'node:https';

const run = promisify(execFile);
let f: StandardFixtures;
let serverEc: Issued;
let bigCas: string[];

before(async () => {
  f = await createStandardFixtures();
  serverEc = await f.pki.issue({ name: 'server-ec', issuer: f.caA, usage: 'server', keyType: 'ec-p256', sans: ['localhost'] });
  // CAs with long names: their list in CertificateRequest exceeds one 16 KiB record.
  const ou = Array.from({ length: 20 }, (_, i) => `/OU=${String(i).padStart(2, '0')}${'x'.repeat(58)}`).join('');
  bigCas = await Promise.all(Array.from({ length: 14 }, async (_, i) => {
    const out = join(f.pki.dir, `big-${i}.crt`);
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', join(f.pki.dir, `big-${i}.key`), '-subj', `/CN=big-${i}${ou}`, '-days', '2', '-out', out]);
    return readFile(out, 'utf8');
  }));
});
after(() => f.pki.dispose());

const der = (pem: string) => subjectNameDer(new X509Certificate(pem));

async function withServer(options: ServerOptions, body: (server: MtlsTestServer) => Promise<void>): Promise<void> {
  const server = await MtlsTestServer.start({ key: f.server.keyPem, cert: f.server.certPem, ...options });
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

function probe(port: number, extra: { ca?: string[]; servername?: string } = {}): Promise<ProbeOutcome> {
  return probeCertificateRequest({ host: '127.0.0.1', port, servername: extra.servername ?? 'localhost', ca: extra.ca ?? [f.caA.certPem] });
}

function requested(outcome: ProbeOutcome) {
  assert.equal(outcome.result.requested, true, 'a CertificateRequest was expected');
  if (!outcome.result.requested) throw new Error('unreachable');
  return outcome.result.request;
}

describe('CertificateRequestProbe', () => {
  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    test(`${version}: no request, and the open socket serves a request`, async () => {
      await withServer({ minVersion: version, maxVersion: version }, async (server) => {
        const outcome = await probe(server.port);
        assert.deepEqual(outcome.result, { requested: false, protocol: version });
        const socket = outcome.socket!;
        assert.ok(socket && !socket.destroyed);
        socket.write('GET / HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n');
        const text = await new Promise<string>((resolve) => {
          let data = '';
          socket.on('data', (chunk: Buffer) => { data += chunk.toString(); }).on('end', () => resolve(data));
        });
        assert.match(text, /^HTTP\/1\.1 200/);
        assert.equal(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).clientCn, null);
        assert.equal(server.secureConnections, 1);
      });
    });

    test(`${version}: CA list [A, B] as DER names, both key types`, async () => {
      await withServer({ minVersion: version, maxVersion: version, requestCert: true, ca: [f.caA.certPem, f.caB.certPem] }, async (server) => {
        const outcome = await probe(server.port);
        outcome.socket?.destroy();
        const request = requested(outcome);
        assert.equal(request.protocol, version);
        assert.deepEqual(request.certificateAuthorities, [der(f.caA.certPem), der(f.caB.certPem)]);
        assert.deepEqual([...request.keyTypes].sort(), ['EC', 'RSA']);
      });
    });

    test(`${version}: requestCert without ca sends an empty CA list`, async () => {
      await withServer({ minVersion: version, maxVersion: version, requestCert: true }, async (server) => {
        const outcome = await probe(server.port);
        outcome.socket?.destroy();
        assert.deepEqual(requested(outcome).certificateAuthorities, []);
      });
    });

    test(`${version}: RSA-only and ECDSA-only signature algorithms`, async () => {
      await withServer({ minVersion: version, maxVersion: version, requestCert: true, ca: [f.caB.certPem],
        sigalgs: 'rsa_pss_rsae_sha256:rsa_pkcs1_sha256:rsa_pss_rsae_sha384' }, async (server) => {
        const outcome = await probe(server.port);
        outcome.socket?.destroy();
        assert.deepEqual([...requested(outcome).keyTypes], ['RSA']);
      });
      await withServer({ key: serverEc.keyPem, cert: serverEc.certPem, minVersion: version, maxVersion: version,
        requestCert: true, ca: [f.caB.certPem], sigalgs: 'ecdsa_secp256r1_sha256:ecdsa_secp384r1_sha384' }, async (server) => {
        const outcome = await probe(server.port);
        outcome.socket?.destroy();
        assert.deepEqual([...requested(outcome).keyTypes], ['EC']);
      });
    });

    test(`${version}: a CA list larger than one record is reassembled`, async () => {
      await withServer({ minVersion: version, maxVersion: version, requestCert: true, ca: bigCas }, async (server) => {
        const outcome = await probe(server.port);
        outcome.socket?.destroy();
        const names = requested(outcome).certificateAuthorities;
        assert.ok(names.reduce((sum, n) => sum + n.length, 0) > 16384);
        assert.deepEqual(names, bigCas.map(der));
      });
    });
  }

  for (const suite of ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']) {
    test(`TLSv1.3 ${suite}: the encrypted CertificateRequest is read`, async () => {
      // Node takes TLS 1.3 suites in `ciphers` (it has no `ciphersuites` option).
      await withServer({ minVersion: 'TLSv1.3', ciphers: suite, requestCert: true, ca: [f.caB.certPem] }, async (server) => {
        const outcome = await probe(server.port);
        const cipher = outcome.socket?.getCipher().standardName;
        outcome.socket?.destroy();
        assert.equal(cipher, suite);
        assert.deepEqual(requested(outcome).certificateAuthorities, [der(f.caB.certPem)]);
      });
    });
  }

  test('TLSv1.3 with a HelloRetryRequest (server wants P-384, client offers X25519 first)', async () => {
    await withServer({ minVersion: 'TLSv1.3', ecdhCurve: 'P-384', requestCert: true, ca: [f.caA.certPem] }, async (server) => {
      const outcome = await probe(server.port);
      const curve = outcome.socket?.getEphemeralKeyInfo();
      outcome.socket?.destroy();
      assert.equal((curve as { name?: string } | undefined)?.name, 'secp384r1');
      assert.deepEqual(requested(outcome).certificateAuthorities, [der(f.caA.certPem)]);
    });
  });

  test('bytes split anywhere and a late key-log secret give the same answer', async () => {
    await withServer({ minVersion: 'TLSv1.3', requestCert: true, ca: [f.caA.certPem] }, async (server) => {
      const chunks: Buffer[] = [];
      const lines: Buffer[] = [];
      const raw = netConnect({ host: '127.0.0.1', port: server.port });
      await new Promise((resolve) => raw.once('connect', resolve));
      const socket: TLSSocket = tlsConnect({ socket: new TappedStream(raw, (c) => chunks.push(c)), servername: 'localhost', ca: [f.caA.certPem] });
      socket.on('keylog', (line: Buffer) => lines.push(line));
      await new Promise((resolve) => socket.once('secureConnect', resolve));
      socket.destroy();
      const observer = new ServerHandshakeObserver();
      for (const byte of Buffer.concat(chunks)) observer.push(Buffer.from([byte]));
      assert.equal(observer.finished, false, 'cannot finish without the secret');
      for (const line of lines) observer.addKeyLogLine(line);
      assert.equal(observer.finished, true);
      const result = observer.result(true);
      assert.ok(result.requested);
      assert.deepEqual(result.request.certificateAuthorities, [der(f.caA.certPem)]);
    });
  });

  test('TLSv1.2 server that aborts without a certificate: the request is still reported', async () => {
    const server = createTlsServer({ key: f.server.keyPem, cert: f.server.certPem, maxVersion: 'TLSv1.2',
      requestCert: true, rejectUnauthorized: true, ca: [f.caA.certPem] });
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const outcome = await probe((server.address() as AddressInfo).port);
      assert.equal(outcome.socket, null);
      assert.deepEqual(requested(outcome).certificateAuthorities, [der(f.caA.certPem)]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('untrusted server, wrong host name, refused connection: typed errors', async () => {
    await withServer({}, async (server) => {
      await assert.rejects(probe(server.port, { ca: [f.caB.certPem] }), { code: 'ERR_TLS_SERVER_UNTRUSTED' });
      await assert.rejects(probe(server.port, { servername: 'not-this-host.test' }), { code: 'ERR_TLS_HOSTNAME_MISMATCH' });
    });
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(probe(port), { code: 'ERR_TLS_CONNECT_FAILED' });
  });

  test('a signal ends the probe: at once when already fired, and mid-handshake with its connection closed', { timeout: 8000 }, async () => {
    const stalled = await StallingServer.start('partial-server-hello');
    try {
      const target = { host: '127.0.0.1', port: stalled.port, servername: 'localhost', ca: [f.caA.certPem] };
      await assert.rejects(probeCertificateRequest({ ...target, signal: AbortSignal.abort() }), ConnectCancelledError);
      assert.equal(stalled.accepted, 0, 'no connection for a probe given up before it began');
      const controller = new AbortController();
      const probing = probeCertificateRequest({ ...target, signal: controller.signal });
      await stalled.whenStalled(); // accepted, and the partial ServerHello is on its way: mid-handshake
      controller.abort();
      await assert.rejects(probing, ConnectCancelledError);
      await stalled.allClosed();
    } finally {
      await stalled.close();
    }
  });
});

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { connect, createServer, type TlsOptions, type TLSSocket } from 'node:tls';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { HandshakeRecorder } from './handshake-recorder.js';
import { FLIGHT_LIMIT, type CertificateRequestReading } from './server-flight-reading.js';

let pki: CreatedTestPki;
before(async () => { pki = await createTestPki(); });
after(async () => { await pki?.dispose(); });

/** A node:tls server fed through the recorder as the embedded backend wires it; one client connection. */
interface Served { readonly reading: CertificateRequestReading | null; readonly answer: string; readonly resumed: boolean }

/** A node:tls server fed through the recorder as the embedded backend wires it; `connections` clients in turn, each resuming the last session. */
async function readingsOf(options: TlsOptions, maxVersion: 'TLSv1.2' | 'TLSv1.3', connections = 1): Promise<Served[]> {
  const server = createServer(options, (socket) => socket.end('served'));
  const recorder = new HandshakeRecorder(server);
  const readings: { reading: CertificateRequestReading | null; resumed: boolean }[] = [];
  server.on('secureConnection', (socket: TLSSocket) => readings.push({ reading: recorder.reading(socket), resumed: socket.isSessionReused() }));
  const listener = createTcpServer((socket) => server.emit('connection', recorder.wrap(socket)));
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  try {
    const answers: string[] = [];
    let session: Buffer | undefined;
    for (let i = 0; i < connections; i += 1) {
      const client = connect({
        host: '127.0.0.1', port: (listener.address() as AddressInfo).port, servername: 'localhost', ca: pki.serverCa.pem, maxVersion, session,
      });
      client.on('session', (s: Buffer) => { session = s; });
      let answer = '';
      client.on('data', (chunk: Buffer) => { answer += chunk.toString(); });
      await once(client, 'end');
      client.destroy();
      answers.push(answer);
    }
    return answers.map((answer, i) => ({ answer, reading: readings[i]?.reading ?? null, resumed: readings[i]?.resumed ?? false }));
  } finally {
    listener.close();
  }
}

async function readingOf(options: TlsOptions, maxVersion: 'TLSv1.2' | 'TLSv1.3'): Promise<Served> {
  return (await readingsOf(options, maxVersion))[0]!;
}

const asking: () => TlsOptions = () => ({
  key: pki.server.key.pem, cert: pki.server.certificate.pem, requestCert: true, rejectUnauthorized: false, ca: [pki.cas.A.certificate.pem],
});

test('the recorder reads what a plain node:tls server sent, on both versions, and the connection is served', async () => {
  for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
    const { reading, answer } = await readingOf(asking(), maxVersion);
    assert.equal(answer, 'served');
    assert.ok(reading?.ok, maxVersion);
    assert.deepEqual(reading.request?.caNames, [pki.cas.A.subject], maxVersion);
  }
});

test(`a flight longer than FLIGHT_LIMIT (${FLIGHT_LIMIT} bytes) is not kept whole; the handshake still completes`, async () => {
  // The server's chain padded with CA certificates until its first flight passes the limit.
  const ca = pki.cas.B.certificate.pem;
  const copies = Math.ceil(FLIGHT_LIMIT / Buffer.byteLength(ca)) * 2;
  const options = { ...asking(), cert: pki.server.certificate.pem + ca.repeat(copies) };
  // TLS 1.2: the CertificateRequest comes after the Certificate, past the limit: TRUNCATED.
  const tls12 = await readingOf(options, 'TLSv1.2');
  assert.equal(tls12.answer, 'served');
  assert.equal(tls12.reading && !tls12.reading.ok && tls12.reading.error.code, 'TRUNCATED');
  // TLS 1.3: it comes right after EncryptedExtensions, before the Certificate: still read.
  const tls13 = await readingOf(options, 'TLSv1.3');
  assert.equal(tls13.answer, 'served');
  assert.deepEqual(tls13.reading?.ok && tls13.reading.request?.caNames, [pki.cas.A.subject]);
});

test('a resumed session is read off the wire too: the abbreviated (TLS 1.2) or PSK (TLS 1.3) flight has no CertificateRequest', async () => {
  for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
    const [full, resumed] = await readingsOf({ ...asking(), sessionIdContext: 'recorder-test' }, maxVersion, 2);
    assert.deepEqual([full!.resumed, resumed!.resumed], [false, true], maxVersion);
    assert.deepEqual(full!.reading?.ok && full!.reading.request?.caNames, [pki.cas.A.subject], maxVersion);
    // Recorded and read (not merely absent): ok with no request.
    assert.deepEqual(resumed!.reading, { ok: true, request: null }, maxVersion);
  }
});

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac, hkdfSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import type { ConnectionOptions, TlsOptions } from 'node:tls';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { readServerFlight } from './certificate-request-parser.js';
import { HandshakeReadError } from './handshake-errors.js';
import { readCertificateRequest } from './server-flight-reading.js';
import { captureHandshake, type CapturedHandshake } from './testing/captured-handshake.js';
import { hkdfExpand, hkdfExpandLabel } from './tls13-handshake-decryptor.js';

const run = promisify(execFile);
let pki: CreatedTestPki;
before(async () => { pki = await createTestPki(); });
after(async () => { await pki?.dispose(); });

function serverAsking(extra: TlsOptions = {}): TlsOptions {
  return {
    key: pki.server.key.pem, cert: pki.server.certificate.pem, requestCert: true, rejectUnauthorized: false,
    ca: [pki.cas.A.certificate.pem, pki.cas.B.certificate.pem], ...extra,
  };
}

function client(extra: ConnectionOptions = {}): ConnectionOptions {
  return { ca: pki.serverCa.pem, servername: 'localhost', ...extra };
}

const caNames = (): string[] => [pki.cas.A.subject, pki.cas.B.subject];

/** The plaintext records of a flight, re-cut so every handshake fragment is `size` bytes long. */
function recut(flight: Buffer, size: number): Buffer {
  const out: Buffer[] = [];
  let handshake = Buffer.alloc(0);
  let at = 0;
  const flush = (): void => {
    for (let i = 0; i < handshake.length; i += size) {
      const fragment = handshake.subarray(i, i + size);
      out.push(Buffer.from([22, 3, 3, fragment.length >> 8, fragment.length & 0xff]), fragment);
    }
    handshake = Buffer.alloc(0);
  };
  while (at < flight.length) {
    const length = flight.readUInt16BE(at + 3);
    const record = flight.subarray(at, at + 5 + length);
    at += 5 + length;
    if (record[0] === 22 && out.every((b) => b[0] !== 20)) handshake = Buffer.concat([handshake, record.subarray(5)]);
    else { flush(); out.push(record); }
  }
  flush();
  return Buffer.concat(out);
}

test('TLS 1.2: the CertificateRequest of a real handshake, whole or re-cut into 1-byte to 100-byte records', async () => {
  const captured = await captureHandshake(serverAsking(), client({ maxVersion: 'TLSv1.2' }));
  assert.equal(captured.protocol, 'TLSv1.2');
  const flight = readServerFlight(captured.flight);
  assert.equal(flight.version, 'TLSv1.2');
  assert.deepEqual(flight.certificateRequest?.caNames, caNames());
  assert.deepEqual(flight.certificateRequest?.certificateTypes, ['rsa_sign', 'dss_sign', 'ecdsa_sign']);
  assert.ok(flight.certificateRequest?.signatureAlgorithms.includes('rsa_pss_rsae_sha256'));
  assert.ok(flight.certificateRequest?.signatureAlgorithms.includes('ecdsa_secp256r1_sha256'));
  // Messages spanning records, and records holding several messages.
  for (const size of [1, 3, 7, 100, 16_384]) {
    const recut12 = recut(captured.flight, size);
    if (size < 100) assert.ok(recut12.length > captured.flight.length, 'more records than before');
    assert.deepEqual(readServerFlight(recut12).certificateRequest, flight.certificateRequest, `fragments of ${size}`);
  }
});

test('TLS 1.3: decrypted with the server handshake secret under each AEAD the server offers', async () => {
  const suites = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
  for (const suite of suites) {
    const captured = await captureHandshake(serverAsking(), client({ ciphers: suite }));
    assert.deepEqual([captured.protocol, captured.cipher], ['TLSv1.3', suite]);
    assert.ok(captured.secret, 'the keylog gave the secret');
    const reading = readCertificateRequest(captured.flight, captured.secret);
    assert.ok(reading.ok, `${suite}: ${reading.ok ? '' : reading.error.code}`);
    assert.deepEqual(reading.request?.caNames, caNames(), suite);
    assert.equal(reading.request?.certificateTypes, undefined, `${suite}: no certificate_types in TLS 1.3`);
    assert.ok(reading.request?.signatureAlgorithms.includes('rsa_pss_rsae_sha256'), suite);
  }
});

test('TLS 1.3 without the right secret: NO_SECRET or DECRYPT_FAILED, never a made-up request', async () => {
  const captured = await captureHandshake(serverAsking(), client());
  const code = (secret: Buffer | null): string => {
    const reading = readCertificateRequest(captured.flight, secret);
    return reading.ok ? 'ok' : reading.error.code;
  };
  assert.equal(code(null), 'NO_SECRET');
  const wrong = Buffer.from(captured.secret!);
  wrong[0] = wrong[0]! ^ 1;
  assert.equal(code(wrong), 'DECRYPT_FAILED');
  assert.equal(code(captured.secret!.subarray(0, 16)), 'MALFORMED');
  assert.equal(code(captured.secret), 'ok');
});

test('no client auth: no CertificateRequest, read as null (not as an error)', async () => {
  for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
    const off = await captureHandshake(serverAsking({ requestCert: false }), client({ maxVersion }));
    assert.equal(off.protocol, maxVersion);
    assert.deepEqual(readCertificateRequest(off.flight, off.secret), { ok: true, request: null }, maxVersion);
  }
});

test('every truncation of a real flight gives a typed error (or the request, once complete), and garbling never throws', async () => {
  const captures: CapturedHandshake[] = [
    await captureHandshake(serverAsking(), client({ maxVersion: 'TLSv1.2' })),
    await captureHandshake(serverAsking(), client()),
  ];
  for (const captured of captures) {
    const whole = readCertificateRequest(captured.flight, captured.secret);
    assert.ok(whole.ok && whole.request);
    let firstComplete = -1;
    for (let length = 0; length <= captured.flight.length; length += 1) {
      const reading = readCertificateRequest(captured.flight.subarray(0, length), captured.secret);
      if (reading.ok) {
        if (firstComplete < 0) firstComplete = length;
        assert.deepEqual(reading.request, whole.request, `${captured.protocol} prefix ${length}`);
      } else {
        assert.ok(reading.error instanceof HandshakeReadError);
        assert.equal(firstComplete, -1, `${captured.protocol}: prefix ${length} fails after a shorter one was complete`);
        assert.equal(reading.error.code, 'TRUNCATED', `${captured.protocol} prefix ${length}: ${reading.error.message}`);
      }
    }
    assert.ok(firstComplete > 0 && firstComplete <= captured.flight.length);
    const codes = new Set<string>();
    for (let at = 0; at < captured.flight.length; at += 1) {
      const garbled = Buffer.from(captured.flight);
      garbled[at] = garbled[at]! ^ 0xa5;
      const reading = readCertificateRequest(garbled, captured.secret);
      codes.add(reading.ok ? 'ok' : reading.error.code);
    }
    // A flipped byte in a TLS 1.3 record fails authentication; in TLS 1.2 some land in the parse.
    assert.ok(codes.has(captured.protocol === 'TLSv1.3' ? 'DECRYPT_FAILED' : 'MALFORMED'), [...codes].join());
  }
});

test('HKDF-Expand on HMAC agrees with node:crypto HKDF (Extract then Expand), and HKDF-Expand-Label with RFC 8448', () => {
  for (const [hash, length] of [['sha256', 32], ['sha384', 48], ['sha256', 100]] as const) {
    const ikm = Buffer.from('input keying material');
    const salt = Buffer.from('salt');
    const info = Buffer.from('info');
    const prk = createHmac(hash, salt).update(ikm).digest();
    assert.deepEqual(hkdfExpand(hash, prk, info, length), Buffer.from(hkdfSync(hash, ikm, salt, info, length)));
  }
  // RFC 8448 §3 (Simple 1-RTT Handshake): the server handshake write key and iv.
  const secret = Buffer.from('b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38', 'hex');
  assert.equal(hkdfExpandLabel('sha256', secret, 'key', Buffer.alloc(0), 16).toString('hex'), '3fce516009c21727d0f2e4e86ee403bc');
  assert.equal(hkdfExpandLabel('sha256', secret, 'iv', Buffer.alloc(0), 12).toString('hex'), '5d313eb2671276ee13000b30');
});

test('CA names needing RFC 2253 escapes (quotes, backslash, comma, plus, #, UTF-8, multi-valued RDN) print as openssl prints them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-wire-name-'));
  try {
    const cert = join(dir, 'cert.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', cert,
      '-days', '2', '-utf8', '-multivalue-rdn',
      '-subj', '/C=DE/O=Ünïcødé "Quoted" \\\\ Back, Comma\\+Plus/OU=#hash <lt> =eq;semi /CN=multi+UID=valued/DC=example',
    ]);
    const expected = (await run('openssl', ['x509', '-in', cert, '-noout', '-subject', '-nameopt', 'RFC2253'])).stdout.trim().replace(/^subject=/, '');
    const odd = await readFile(cert, 'utf8');
    for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
      const captured = await captureHandshake(serverAsking({ ca: [pki.cas.A.certificate.pem, odd] }), client({ maxVersion }));
      const reading = readCertificateRequest(captured.flight, captured.secret);
      assert.deepEqual(reading.ok && reading.request?.caNames, [pki.cas.A.subject, expected], maxVersion);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, type CipherGCM } from 'node:crypto';
import {
  keyTypeOfSignatureScheme, parseCertificateRequest12, parseCertificateRequest13, parseKeyLogLine, parseServerHello,
} from './certificate-request-parser.js';
import { HandshakeReassembler, TlsRecordReader } from './record-reader.js';
import { hkdfExpandLabel, Tls13RecordDecryptor } from './tls13-decrypt.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const vec16 = (b: Buffer) => Buffer.concat([u16(b.length), b]);
const dnA = hex('3011310f300d06035504030c06636120612020');
const dnB = hex('300f310d300b06035504030c0463612d62');

describe('TLS parsing', () => {
  test('HKDF-Expand-Label reproduces RFC 8448 (simple 1-RTT, server handshake keys)', () => {
    const secret = hex('b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38');
    assert.equal(hkdfExpandLabel('sha256', secret, 'key', Buffer.alloc(0), 16).toString('hex'), '3fce516009c21727d0f2e4e86ee403bc');
    assert.equal(hkdfExpandLabel('sha256', secret, 'iv', Buffer.alloc(0), 12).toString('hex'), '5d313eb2671276ee13000b30');
  });

  test('records split at every byte come out whole; garbage is a typed error', () => {
    const stream = Buffer.concat([hex('16 0303 0003 aabbcc'), hex('17 0303 0001 dd')]);
    const reader = new TlsRecordReader();
    const records = [...stream].flatMap((byte) => reader.push(Buffer.from([byte])));
    assert.deepEqual(records.map((r) => [r.type, r.payload.toString('hex'), r.header.toString('hex')]),
      [[22, 'aabbcc', '1603030003'], [23, 'dd', '1703030001']]);
    assert.equal(reader.buffered, 0);
    assert.throws(() => new TlsRecordReader().push(Buffer.from('HTTP/1.1 400 Bad Request')), { code: 'ERR_TLS_HANDSHAKE_UNREADABLE' });
  });

  test('handshake messages spanning fragments, and several in one fragment', () => {
    const reassembler = new HandshakeReassembler();
    assert.deepEqual(reassembler.push(hex('0d 000004 0102')), []);
    const messages = reassembler.push(hex('0304 0e 000000'));
    assert.deepEqual(messages.map((m) => [m.type, m.body.toString('hex')]), [[13, '01020304'], [14, '']]);
  });

  test('ServerHello: version from supported_versions, HelloRetryRequest recognised', () => {
    const hello = (random: Buffer, extensions: Buffer) =>
      Buffer.concat([u16(0x0303), random, hex('00'), u16(0x1302), hex('00'), vec16(extensions)]);
    const v13 = Buffer.concat([u16(43), vec16(u16(0x0304))]);
    assert.deepEqual(parseServerHello(hello(Buffer.alloc(32, 7), v13)), { protocol: 'TLSv1.3', cipherSuite: 0x1302, helloRetry: false });
    assert.equal(parseServerHello(hello(Buffer.alloc(32, 7), Buffer.alloc(0))).protocol, 'TLSv1.2');
    const hrr = hex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c');
    assert.equal(parseServerHello(hello(hrr, v13)).helloRetry, true);
  });

  test('CertificateRequest 1.2: key types are certificate_types AND signature_algorithms (Conscrypt)', () => {
    const body = Buffer.concat([hex('02 01 40'), vec16(hex('0401 0403')), vec16(Buffer.concat([vec16(dnA), vec16(dnB)]))]);
    const parsed = parseCertificateRequest12(body);
    assert.deepEqual([...parsed.keyTypes], ['RSA', 'EC']);
    assert.deepEqual(parsed.certificateAuthorities, [dnA, dnB]);
    const request12 = (types: string, schemes: string) =>
      [...parseCertificateRequest12(Buffer.concat([hex(types), vec16(hex(schemes)), vec16(Buffer.alloc(0))])).keyTypes];
    // SunJSSE: rsa_sign, dss_sign, ecdsa_sign listed, but only ECDSA (or only RSA) signatures allowed.
    assert.deepEqual(request12('03 01 02 40', '0403 0503 0603'), ['EC']);
    assert.deepEqual([...parseCertificateRequest12(Buffer.concat([hex('03 01 02 40'), vec16(hex('0403')), vec16(Buffer.alloc(0))])).certificateTypeKeyTypes!], ['RSA', 'EC']);
    assert.deepEqual(request12('03 40 02 01', '0804 0401'), ['RSA']);
    assert.deepEqual(request12('01 01', '0403'), []);
    // One list empty: the other decides.
    assert.deepEqual(request12('02 01 40', ''), ['RSA', 'EC']);
    assert.deepEqual(request12('00', '0403 0807'), ['EC']);
    assert.throws(() => parseCertificateRequest12(body.subarray(0, body.length - 1)), { code: 'ERR_TLS_HANDSHAKE_UNREADABLE' });
  });

  test('CertificateRequest 1.3: signature_algorithms and certificate_authorities extensions', () => {
    const sigalgs = Buffer.concat([u16(13), vec16(vec16(hex('0804 0807 0809')))]);
    const cas = Buffer.concat([u16(47), vec16(vec16(vec16(dnB)))]);
    const parsed = parseCertificateRequest13(Buffer.concat([hex('00'), vec16(Buffer.concat([sigalgs, cas]))]));
    assert.deepEqual([...parsed.keyTypes], ['RSA']);
    assert.deepEqual(parsed.certificateAuthorities, [dnB]);
    assert.throws(() => parseCertificateRequest13(Buffer.concat([hex('00'), vec16(cas)])), /signature_algorithms/);
  });

  test('signature schemes map to key types; EdDSA maps to none', () => {
    const table = { 0x0401: 'RSA', 0x0201: 'RSA', 0x0806: 'RSA', 0x080b: 'RSA', 0x0403: 'EC', 0x0603: 'EC', 0x081a: 'EC' };
    for (const [scheme, type] of Object.entries(table)) assert.equal(keyTypeOfSignatureScheme(Number(scheme)), type);
    assert.equal(keyTypeOfSignatureScheme(0x0807), undefined);
    assert.equal(keyTypeOfSignatureScheme(0x0808), undefined);
  });

  test('key-log lines', () => {
    const entry = parseKeyLogLine('SERVER_HANDSHAKE_TRAFFIC_SECRET 0a0b 0c0d\n');
    assert.deepEqual(entry, { label: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', clientRandom: hex('0a0b'), secret: hex('0c0d') });
    assert.equal(parseKeyLogLine('# comment'), undefined);
  });

  test('TLS 1.3 records: nonce per sequence number, inner type and padding stripped, tampering detected', () => {
    const secret = Buffer.alloc(32, 9);
    const key = hkdfExpandLabel('sha256', secret, 'key', Buffer.alloc(0), 16);
    const iv = hkdfExpandLabel('sha256', secret, 'iv', Buffer.alloc(0), 12);
    const seal = (seq: number, inner: Buffer) => {
      const nonce = Buffer.from(iv);
      nonce[11]! ^= seq;
      const header = Buffer.concat([hex('17 0303'), u16(inner.length + 16)]);
      const cipher = createCipheriv('aes-128-gcm', key, nonce) as CipherGCM;
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
      return { type: 23, header, payload: body };
    };
    const decryptor = Tls13RecordDecryptor.forSuite(0x1301, secret);
    assert.deepEqual(decryptor.decrypt(seal(0, hex('aabb 16'))), { type: 22, content: hex('aabb') });
    assert.deepEqual(decryptor.decrypt(seal(1, hex('cc 16 000000'))), { type: 22, content: hex('cc') });
    const tampered = seal(2, hex('dd 16'));
    tampered.payload[0]! ^= 1;
    assert.throws(() => decryptor.decrypt(tampered), { code: 'ERR_TLS_HANDSHAKE_UNREADABLE' });
    assert.throws(() => Tls13RecordDecryptor.forSuite(0x1304, secret), /unsupported/);
  });
});

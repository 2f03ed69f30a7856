import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeBase64Cert, decodeCertInput } from './cert-input.js';

const bytes = randomBytes(301); // 301 % 3 = 1: its base64 has two '=' of padding
const standard = bytes.toString('base64');

function failsWith(text: string, code: string): void {
  assert.throws(() => decodeBase64Cert(text), (e: { code?: string }) => e.code === code, JSON.stringify(text.slice(0, 40)));
}

test('base64: standard alphabet with padding decodes', () => {
  assert.ok(standard.endsWith('=='));
  assert.deepEqual(Buffer.from(decodeBase64Cert(standard)), bytes);
});

test('base64: missing padding is accepted', () => {
  for (const n of [300, 301, 302]) {
    const b = bytes.subarray(0, n);
    assert.deepEqual(Buffer.from(decodeBase64Cert(b.toString('base64').replace(/=+$/, ''))), b);
  }
});

test('base64: line breaks and whitespace anywhere are ignored (64- and 76-column wraps, CRLF, tabs)', () => {
  const wrapped64 = standard.replace(/(.{64})/g, '$1\n');
  const wrapped76 = standard.replace(/(.{76})/g, '$1\r\n');
  const spaced = ` \t${standard.slice(0, 10)} ${standard.slice(10)}\n`;
  for (const form of [wrapped64, wrapped76, spaced]) assert.deepEqual(Buffer.from(decodeBase64Cert(form)), bytes);
});

test('base64: URL-safe alphabet is rejected with CERT_BAD_BASE64', () => {
  const withUrlChars = Buffer.from([0xfb, 0xff, 0xbf, ...bytes]).toString('base64url');
  assert.match(withUrlChars, /[-_]/);
  failsWith(withUrlChars, 'CERT_BAD_BASE64');
});

test('base64: data: URI prefix and PEM armour are rejected with CERT_BAD_BASE64', () => {
  failsWith(`data:application/x-pkcs12;base64,${standard}`, 'CERT_BAD_BASE64');
  failsWith(`-----BEGIN PKCS12-----\n${standard}\n-----END PKCS12-----\n`, 'CERT_BAD_BASE64');
});

test('base64: bad characters, misplaced or excess padding and impossible lengths are CERT_BAD_BASE64', () => {
  for (const text of ['abc!', 'ab=c', 'ab===', 'a===', 'abcde', 'QQ==QQ==', '====', 'Zm9v\u00e9']) {
    failsWith(text, 'CERT_BAD_BASE64');
  }
});

test('empty input is CERT_EMPTY: empty or whitespace-only string, zero-length RawBytes', () => {
  failsWith('', 'CERT_EMPTY');
  failsWith(' \n\t', 'CERT_EMPTY');
  assert.throws(() => decodeCertInput(new Uint8Array(0)), { code: 'CERT_EMPTY' });
  assert.throws(() => decodeCertInput(new ArrayBuffer(0)), { code: 'CERT_EMPTY' });
});

test('RawBytes: Uint8Array, Buffer and ArrayBuffer give the same bytes, copied', () => {
  const view = new Uint8Array(bytes);
  const decoded = decodeCertInput(view);
  assert.deepEqual(Buffer.from(decoded), bytes);
  assert.deepEqual(Buffer.from(decodeCertInput(bytes)), bytes);
  assert.deepEqual(Buffer.from(decodeCertInput(view.buffer.slice(0))), bytes);
  view[0] ^= 0xff; // the app reusing its buffer must not change what was loaded
  assert.equal(decoded[0], bytes[0]);
});

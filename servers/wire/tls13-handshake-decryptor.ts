/**
 * Decrypts the server's TLS 1.3 handshake records with its own server handshake traffic secret
 * (from the server's 'keylog' event) to read the CertificateRequest it sent. RFC 8446 §5.2-5.3
 * (record protection), §7.1 (HKDF-Expand-Label), §7.3 (traffic keys). The secret stays in this
 * process's memory and is never logged or written.
 */
import { createDecipheriv, createHmac } from 'node:crypto';
import { HANDSHAKE, HandshakeMessages, parseTls13CertificateRequest, type WireCertificateRequest } from './certificate-request-parser.js';
import { HandshakeReadError } from './handshake-errors.js';

interface Suite { readonly hash: 'sha256' | 'sha384'; readonly cipher: string; readonly keyLength: number }

/** The TLS 1.3 cipher suites OpenSSL enables by default (TLS_AES_128_CCM_SHA256 is off). */
const SUITES: ReadonlyMap<number, Suite> = new Map([
  [0x1301, { hash: 'sha256', cipher: 'aes-128-gcm', keyLength: 16 }],
  [0x1302, { hash: 'sha384', cipher: 'aes-256-gcm', keyLength: 32 }],
  [0x1303, { hash: 'sha256', cipher: 'chacha20-poly1305', keyLength: 32 }],
]);
const TAG_LENGTH = 16;
const IV_LENGTH = 12;

/** RFC 5869 §2.3, on node:crypto HMAC. */
export function hkdfExpand(hash: string, prk: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1, total = 0; total < length; i += 1) {
    previous = createHmac(hash, prk).update(previous).update(info).update(Buffer.from([i])).digest();
    blocks.push(previous);
    total += previous.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** RFC 8446 §7.1: HKDF-Expand(Secret, HkdfLabel{length, "tls13 " + label, context}, length). */
export function hkdfExpandLabel(hash: string, secret: Buffer, label: string, context: Buffer, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'ascii');
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([context.length]), context]);
  return hkdfExpand(hash, secret, info, length);
}

/** One record's TLSInnerPlaintext: content type and content, padding removed. */
function openRecord(suite: Suite, key: Buffer, iv: Buffer, sequence: number, record: Buffer): { type: number; content: Buffer } {
  const sealed = record.subarray(5);
  if (sealed.length < TAG_LENGTH + 1) throw new HandshakeReadError('MALFORMED', 'encrypted record too short');
  const nonce = Buffer.from(iv);
  // The 64-bit sequence number, left-padded to the IV length, XORed in (a handshake has few records).
  for (let i = 0, n = sequence; i < 6; i += 1, n = Math.floor(n / 256)) nonce[IV_LENGTH - 1 - i] = nonce[IV_LENGTH - 1 - i]! ^ (n & 0xff);
  const ciphertext = sealed.subarray(0, sealed.length - TAG_LENGTH);
  let inner: Buffer;
  try {
    const decipher = createDecipheriv(suite.cipher as 'aes-128-gcm', key, nonce, { authTagLength: TAG_LENGTH });
    decipher.setAAD(record.subarray(0, 5), { plaintextLength: ciphertext.length });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    inner = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new HandshakeReadError('DECRYPT_FAILED', `record ${sequence} does not authenticate under the server handshake key`);
  }
  let end = inner.length;
  while (end > 0 && inner[end - 1] === 0) end -= 1;
  if (end === 0) throw new HandshakeReadError('MALFORMED', 'an inner plaintext without content type');
  return { type: inner[end - 1]!, content: inner.subarray(0, end - 1) };
}

/**
 * The CertificateRequest among the server's encrypted handshake messages (EncryptedExtensions,
 * CertificateRequest, Certificate, CertificateVerify, Finished), or null when the server sent
 * none (client auth off, PSK resumption). Decrypts only as far as the message after
 * EncryptedExtensions, usually one or two records.
 */
export function decryptCertificateRequest(records: readonly Buffer[], cipherSuite: number, secret: Buffer): WireCertificateRequest | null {
  const suite = SUITES.get(cipherSuite);
  if (!suite) throw new HandshakeReadError('UNSUPPORTED', `TLS 1.3 cipher suite 0x${cipherSuite.toString(16).padStart(4, '0')}`);
  if (secret.length !== (suite.hash === 'sha256' ? 32 : 48)) throw new HandshakeReadError('MALFORMED', 'secret length does not fit the suite');
  const key = hkdfExpandLabel(suite.hash, secret, 'key', Buffer.alloc(0), suite.keyLength);
  const iv = hkdfExpandLabel(suite.hash, secret, 'iv', Buffer.alloc(0), IV_LENGTH);
  try {
    const messages = new HandshakeMessages();
    let first = true;
    for (const [sequence, record] of records.entries()) {
      const { type, content } = openRecord(suite, key, iv, sequence, record);
      if (type !== 22) throw new HandshakeReadError('MALFORMED', `content type ${type} before the server's Finished`);
      for (const message of messages.push(content)) {
        if (first) {
          if (message.type !== HANDSHAKE.encryptedExtensions) throw new HandshakeReadError('MALFORMED', 'the encrypted flight does not start with EncryptedExtensions');
          first = false;
          continue;
        }
        // RFC 8446 §4.3.2: a CertificateRequest follows EncryptedExtensions at once; whatever
        // else comes there (Certificate, or Finished after a PSK) means none: no need to read on.
        return message.type === HANDSHAKE.certificateRequest ? parseTls13CertificateRequest(message.body) : null;
      }
    }
    throw new HandshakeReadError('TRUNCATED', 'the recorded flight ends inside the encrypted handshake');
  } finally {
    key.fill(0);
    iv.fill(0);
  }
}

/**
 * TLS 1.3 record decryption with a traffic secret taken from the client's own key log
 * (RFC 8446 7.1 HKDF-Expand-Label, 7.3 traffic keys, 5.2-5.3 record protection).
 */
import { createDecipheriv, createHmac, type DecipherGCM } from 'node:crypto';
import { HandshakeParseError } from './errors.js';
import type { TlsRecord } from './record-reader.js';

interface SuiteParameters {
  readonly name: string;
  readonly cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  readonly keyLength: number;
  readonly hash: 'sha256' | 'sha384';
}

export const TLS13_SUITES: ReadonlyMap<number, SuiteParameters> = new Map([
  [0x1301, { name: 'TLS_AES_128_GCM_SHA256', cipher: 'aes-128-gcm', keyLength: 16, hash: 'sha256' }],
  [0x1302, { name: 'TLS_AES_256_GCM_SHA384', cipher: 'aes-256-gcm', keyLength: 32, hash: 'sha384' }],
  [0x1303, { name: 'TLS_CHACHA20_POLY1305_SHA256', cipher: 'chacha20-poly1305', keyLength: 32, hash: 'sha256' }],
]);

const TAG_LENGTH = 16;

/** RFC 5869 HKDF-Expand (node's hkdf always extracts first, which TLS 1.3 key derivation must not). */
export function hkdfExpand(hash: string, prk: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  let total = 0;
  for (let counter = 1; total < length; counter++) {
    previous = createHmac(hash, prk).update(previous).update(info).update(Buffer.from([counter])).digest();
    blocks.push(previous);
    total += previous.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** HKDF-Expand-Label(Secret, Label, Context, Length) of RFC 8446 7.1. */
export function hkdfExpandLabel(hash: string, secret: Buffer, label: string, context: Buffer, length: number): Buffer {
  const fullLabel = Buffer.from('tls13 ' + label, 'ascii');
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, fullLabel.length]),
    fullLabel,
    Buffer.from([context.length]),
    context,
  ]);
  return hkdfExpand(hash, secret, info, length);
}

export interface DecryptedRecord {
  /** The real content type (TLSInnerPlaintext.type). */
  readonly type: number;
  readonly content: Buffer;
}

/** Decrypts the records of one direction protected by one traffic secret, in order. */
export class Tls13RecordDecryptor {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private sequence = 0n;

  constructor(private readonly suite: SuiteParameters, trafficSecret: Buffer) {
    this.key = hkdfExpandLabel(suite.hash, trafficSecret, 'key', Buffer.alloc(0), suite.keyLength);
    this.iv = hkdfExpandLabel(suite.hash, trafficSecret, 'iv', Buffer.alloc(0), 12);
  }

  static forSuite(cipherSuite: number, trafficSecret: Buffer): Tls13RecordDecryptor {
    const suite = TLS13_SUITES.get(cipherSuite);
    if (!suite) throw new HandshakeParseError(`unsupported TLS 1.3 cipher suite 0x${cipherSuite.toString(16)}`);
    return new Tls13RecordDecryptor(suite, trafficSecret);
  }

  decrypt(record: TlsRecord): DecryptedRecord {
    if (record.payload.length < TAG_LENGTH + 1) throw new HandshakeParseError('encrypted record too short');
    const nonce = Buffer.from(this.iv);
    const seq = Buffer.alloc(8);
    seq.writeBigUInt64BE(this.sequence++);
    for (let i = 0; i < 8; i++) nonce[4 + i]! ^= seq[i]!;
    const body = record.payload.subarray(0, record.payload.length - TAG_LENGTH);
    const tag = record.payload.subarray(record.payload.length - TAG_LENGTH);
    let plain: Buffer;
    try {
      // DecipherChaCha20Poly1305 has the same AEAD methods as DecipherGCM.
      const decipher = createDecipheriv(this.suite.cipher as 'aes-128-gcm', this.key, nonce, { authTagLength: TAG_LENGTH }) as DecipherGCM;
      decipher.setAAD(record.header, { plaintextLength: body.length });
      decipher.setAuthTag(tag);
      plain = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch (error) {
      throw new HandshakeParseError(`TLS 1.3 record did not decrypt (${this.suite.name})`, { cause: error });
    }
    // TLSInnerPlaintext: content, type, zero padding.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    if (end < 0) throw new HandshakeParseError('TLS 1.3 record without a content type');
    return { type: plain[end]!, content: plain.subarray(0, end) };
  }
}

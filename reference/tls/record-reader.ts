/**
 * Splits a byte stream into TLS records, and a record stream into handshake messages.
 * TCP reads cut records anywhere, and one handshake message may span several records.
 */
import { HandshakeParseError } from './errors.js';

export const ContentType = {
  CHANGE_CIPHER_SPEC: 20,
  ALERT: 21,
  HANDSHAKE: 22,
  APPLICATION_DATA: 23,
} as const;

export interface TlsRecord {
  readonly type: number;
  /** The 5-byte record header (the AAD of TLS 1.3 record protection). */
  readonly header: Buffer;
  readonly payload: Buffer;
}

// 2^14 plaintext + 256 bytes of expansion allowed by RFC 8446 5.2 (2048 in TLS 1.2).
const MAX_RECORD_LENGTH = 16384 + 2048;

export class TlsRecordReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds bytes as they arrived; returns every record now complete. */
  push(chunk: Buffer): TlsRecord[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const records: TlsRecord[] = [];
    while (this.pending.length >= 5) {
      const type = this.pending[0]!;
      if (type < 20 || type > 24 || this.pending[1] !== 3) {
        throw new HandshakeParseError(`not a TLS record (type ${type}, version byte ${this.pending[1]})`);
      }
      const length = this.pending.readUInt16BE(3);
      if (length > MAX_RECORD_LENGTH) throw new HandshakeParseError(`TLS record too long (${length} bytes)`);
      if (this.pending.length < 5 + length) break;
      records.push({
        type,
        header: this.pending.subarray(0, 5),
        payload: this.pending.subarray(5, 5 + length),
      });
      this.pending = this.pending.subarray(5 + length);
    }
    return records;
  }

  /** Bytes of an incomplete record still waiting for the rest. */
  get buffered(): number {
    return this.pending.length;
  }
}

export interface HandshakeMessage {
  readonly type: number;
  readonly body: Buffer;
}

export const HandshakeType = {
  SERVER_HELLO: 2,
  NEW_SESSION_TICKET: 4,
  ENCRYPTED_EXTENSIONS: 8,
  CERTIFICATE: 11,
  SERVER_KEY_EXCHANGE: 12,
  CERTIFICATE_REQUEST: 13,
  SERVER_HELLO_DONE: 14,
  CERTIFICATE_VERIFY: 15,
  FINISHED: 20,
} as const;

/** Reassembles handshake messages from the payloads of handshake records, in order. */
export class HandshakeReassembler {
  private pending: Buffer = Buffer.alloc(0);

  push(fragment: Buffer): HandshakeMessage[] {
    this.pending = this.pending.length === 0 ? fragment : Buffer.concat([this.pending, fragment]);
    const messages: HandshakeMessage[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUIntBE(1, 3);
      if (this.pending.length < 4 + length) break;
      messages.push({ type: this.pending[0]!, body: this.pending.subarray(4, 4 + length) });
      this.pending = this.pending.subarray(4 + length);
    }
    return messages;
  }

  get buffered(): number {
    return this.pending.length;
  }
}

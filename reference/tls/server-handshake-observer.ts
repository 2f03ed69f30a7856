/**
 * Follows the server's side of a handshake from the raw inbound bytes and tells whether a
 * CertificateRequest was sent. TLS 1.2 sends it in clear; TLS 1.3 encrypts it with the
 * server handshake traffic secret, which the client's own key log supplies (possibly after
 * the bytes arrived, hence the queue of encrypted records).
 */
import type { ProbeResult } from './certificate-request.js';
import {
  parseCertificateRequest12, parseCertificateRequest13, parseKeyLogLine, parseServerHello,
  type ParsedCertificateRequest,
} from './certificate-request-parser.js';
import { HandshakeParseError } from './errors.js';
import {
  ContentType, HandshakeReassembler, HandshakeType, TlsRecordReader, type HandshakeMessage, type TlsRecord,
} from './record-reader.js';
import { Tls13RecordDecryptor } from './tls13-decrypt.js';

type Phase = 'hello' | 'plain12' | 'encrypted13' | 'done';

export class ServerHandshakeObserver {
  private readonly records = new TlsRecordReader();
  private plainMessages = new HandshakeReassembler();
  private readonly encryptedMessages = new HandshakeReassembler();
  private readonly waiting: TlsRecord[] = [];
  private phase: Phase = 'hello';
  private protocol: 'TLSv1.2' | 'TLSv1.3' | undefined;
  private cipherSuite = 0;
  private secret: Buffer | undefined;
  private decryptor: Tls13RecordDecryptor | undefined;
  private request: ParsedCertificateRequest | undefined;
  private failure: HandshakeParseError | undefined;

  /** Raw bytes exactly as they came from the server. */
  push(chunk: Buffer): void {
    if (this.phase === 'done' || this.failure) return;
    this.guard(() => {
      for (const record of this.records.push(chunk)) this.onRecord(record);
    });
  }

  /** A line of the TLSSocket 'keylog' event. */
  addKeyLogLine(line: Buffer | string): void {
    const entry = parseKeyLogLine(line);
    if (!entry || entry.label !== 'SERVER_HANDSHAKE_TRAFFIC_SECRET') return;
    this.secret = entry.secret;
    this.guard(() => this.drainEncrypted());
  }

  /** True once the server's part of the handshake up to the certificate request point is known. */
  get finished(): boolean {
    return this.phase === 'done';
  }

  get negotiatedProtocol(): string | undefined {
    return this.protocol;
  }

  /**
   * What the server asked for. `handshakeCompleted`: the TLS socket finished its handshake, so
   * the absence of a CertificateRequest in what was seen is conclusive.
   */
  result(handshakeCompleted: boolean): ProbeResult {
    if (this.failure) throw this.failure;
    if (this.request) {
      const { protocol, keyTypes, certificateTypeKeyTypes, certificateAuthorities } = this.request;
      const request = { protocol, keyTypes, certificateAuthorities, ...(certificateTypeKeyTypes ? { certificateTypeKeyTypes } : {}) };
      return { requested: true, request };
    }
    if (this.phase === 'done' || (handshakeCompleted && this.protocol === 'TLSv1.2')) {
      return { requested: false, protocol: this.protocol ?? 'unknown' };
    }
    if (handshakeCompleted && this.protocol === 'TLSv1.3' && !this.secret) {
      throw new HandshakeParseError('TLS 1.3 handshake completed but no key-log secret was received');
    }
    throw new HandshakeParseError('the server handshake ended before it could be read');
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.failure = error instanceof HandshakeParseError
        ? error
        : new HandshakeParseError('unexpected error while reading the server handshake', { cause: error });
    }
  }

  private onRecord(record: TlsRecord): void {
    if (this.phase === 'done') return;
    if (record.type === ContentType.CHANGE_CIPHER_SPEC) {
      // TLS 1.2: what follows is encrypted, and the CertificateRequest point is long past.
      if (this.phase === 'plain12') this.phase = 'done';
      return; // TLS 1.3 middlebox-compatibility record: meaningless.
    }
    if (record.type === ContentType.ALERT) return; // the socket reports the failure itself
    if (this.phase === 'encrypted13') {
      this.waiting.push(record);
      this.drainEncrypted();
      return;
    }
    if (record.type !== ContentType.HANDSHAKE) {
      throw new HandshakeParseError(`unexpected record type ${record.type} before encryption`);
    }
    for (const message of this.plainMessages.push(record.payload)) {
      if (this.phase === 'hello') this.onHello(message);
      else if (this.phase === 'plain12') this.onPlain12(message);
    }
  }

  private onHello(message: HandshakeMessage): void {
    if (message.type !== HandshakeType.SERVER_HELLO) {
      throw new HandshakeParseError(`expected ServerHello, got handshake type ${message.type}`);
    }
    const hello = parseServerHello(message.body);
    if (hello.helloRetry) return; // a second ServerHello follows
    if (hello.protocol === 'older') throw new HandshakeParseError('the server chose a TLS version older than 1.2');
    this.protocol = hello.protocol;
    this.cipherSuite = hello.cipherSuite;
    if (hello.protocol === 'TLSv1.3') {
      this.phase = 'encrypted13';
      if (this.plainMessages.buffered > 0) throw new HandshakeParseError('handshake data after ServerHello in clear');
    } else {
      this.phase = 'plain12';
    }
  }

  private onPlain12(message: HandshakeMessage): void {
    if (message.type === HandshakeType.CERTIFICATE_REQUEST) this.request = parseCertificateRequest12(message.body);
    if (message.type === HandshakeType.SERVER_HELLO_DONE) this.phase = 'done';
  }

  private drainEncrypted(): void {
    if (this.phase !== 'encrypted13' || !this.secret) return;
    this.decryptor ??= Tls13RecordDecryptor.forSuite(this.cipherSuite, this.secret);
    while (this.waiting.length > 0 && this.phase === 'encrypted13') {
      const record = this.waiting.shift()!;
      if (record.type !== ContentType.APPLICATION_DATA) {
        throw new HandshakeParseError(`unexpected record type ${record.type} after ServerHello`);
      }
      const inner = this.decryptor.decrypt(record);
      if (inner.type === ContentType.ALERT) {
        this.phase = 'done';
        return;
      }
      if (inner.type !== ContentType.HANDSHAKE) {
        throw new HandshakeParseError(`unexpected inner content type ${inner.type} in the server handshake`);
      }
      for (const message of this.encryptedMessages.push(inner.content)) {
        if (message.type === HandshakeType.CERTIFICATE_REQUEST) this.request = parseCertificateRequest13(message.body);
        // Finished ends the handshake keys; later records use application keys.
        if (message.type === HandshakeType.FINISHED) this.phase = 'done';
      }
    }
  }
}

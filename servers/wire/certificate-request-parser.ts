/**
 * Reads the server's side of a TLS handshake (the bytes it wrote, as recorded by
 * handshake-recorder.ts): the ServerHello's version and cipher suite, and the CertificateRequest
 * (TLS 1.2: plaintext; TLS 1.3: in the encrypted records handed to tls13-handshake-decryptor.ts).
 * Every read is bounds-checked: bad bytes give a HandshakeReadError, never another throw.
 */
import { distinguishedNameText } from './distinguished-name.js';
import { HandshakeReadError } from './handshake-errors.js';
import { certificateTypeName, signatureSchemeName } from './tls-names.js';

/** A CertificateRequest as sent: CA names (RFC 2253), IANA names (tls-names.ts). */
export interface WireCertificateRequest {
  readonly caNames: readonly string[];
  readonly signatureAlgorithms: readonly string[];
  /** TLS 1.2 only. */
  readonly certificateTypes?: readonly string[];
}

export interface ServerFlight {
  readonly version: 'TLSv1.2' | 'TLSv1.3';
  readonly cipherSuite: number;
  /** TLS 1.2: the CertificateRequest, null when the flight had none (client auth off, resumption). */
  readonly certificateRequest: WireCertificateRequest | null;
  /** TLS 1.3: the records after the ServerHello that carry encrypted data, header included. */
  readonly encryptedRecords: readonly Buffer[];
}

export const HANDSHAKE = { serverHello: 2, encryptedExtensions: 8, certificateRequest: 13, serverHelloDone: 14 } as const;
const CONTENT = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;
/** RFC 8446 §2^14 + 256: the largest TLSCiphertext fragment. */
const MAX_FRAGMENT = 16_384 + 256;
/** SHA-256("HelloRetryRequest"): a ServerHello with this random is a HelloRetryRequest. */
const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

/** Bounds-checked reads over one buffer. */
export class ByteReader {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}
  get remaining(): number { return this.bytes.length - this.at; }
  private need(length: number): number {
    if (length > this.remaining) throw new HandshakeReadError('MALFORMED', `need ${length} bytes, ${this.remaining} left`);
    const at = this.at;
    this.at += length;
    return at;
  }
  take(length: number): Buffer {
    const at = this.need(length);
    return this.bytes.subarray(at, at + length);
  }
  u8(): number { return this.bytes[this.need(1)]!; }
  u16(): number { return this.bytes.readUInt16BE(this.need(2)); }
  vector8(): ByteReader { return new ByteReader(this.take(this.u8())); }
  vector16(): ByteReader { return new ByteReader(this.take(this.u16())); }
}

/** Collects handshake messages across records (a message may span several; a record may hold several). */
export class HandshakeMessages {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds one record's handshake bytes; returns the messages now complete. */
  push(fragment: Buffer): { type: number; body: Buffer }[] {
    this.pending = this.pending.length === 0 ? fragment : Buffer.concat([this.pending, fragment]);
    const out: { type: number; body: Buffer }[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUIntBE(1, 3);
      if (this.pending.length < 4 + length) break;
      out.push({ type: this.pending[0]!, body: this.pending.subarray(4, 4 + length) });
      this.pending = this.pending.subarray(4 + length);
    }
    return out;
  }
}

function signatureList(reader: ByteReader): string[] {
  const list = reader.vector16();
  const out: string[] = [];
  while (list.remaining > 0) out.push(signatureSchemeName(list.u16()));
  return out;
}

/** A server sends the same few CA names on every handshake: print each once (bounded). */
const NAME_CACHE = new Map<string, string>();
const NAME_CACHE_LIMIT = 256;

function caName(der: Buffer): string {
  const key = der.toString('latin1');
  let text = NAME_CACHE.get(key);
  if (text === undefined) {
    text = distinguishedNameText(der);
    if (NAME_CACHE.size >= NAME_CACHE_LIMIT) NAME_CACHE.clear();
    NAME_CACHE.set(key, text);
  }
  return text;
}

function caList(reader: ByteReader): string[] {
  const list = reader.vector16();
  const out: string[] = [];
  while (list.remaining > 0) out.push(caName(list.take(list.u16())));
  return out;
}

/** RFC 5246 §7.4.4. */
export function parseTls12CertificateRequest(body: Buffer): WireCertificateRequest {
  const reader = new ByteReader(body);
  const types = reader.vector8();
  const certificateTypes: string[] = [];
  while (types.remaining > 0) certificateTypes.push(certificateTypeName(types.u8()));
  const signatureAlgorithms = signatureList(reader);
  const caNames = caList(reader);
  if (reader.remaining !== 0) throw new HandshakeReadError('MALFORMED', 'CertificateRequest: trailing bytes');
  return { caNames, signatureAlgorithms, certificateTypes };
}

/** RFC 8446 §4.3.2: signature_algorithms (13) and certificate_authorities (47) extensions. */
export function parseTls13CertificateRequest(body: Buffer): WireCertificateRequest {
  const reader = new ByteReader(body);
  reader.vector8(); // certificate_request_context: empty during the handshake
  const extensions = reader.vector16();
  let signatureAlgorithms: string[] = [];
  let caNames: string[] = [];
  while (extensions.remaining > 0) {
    const type = extensions.u16();
    const data = extensions.vector16();
    if (type === 13) signatureAlgorithms = signatureList(data);
    if (type === 47) caNames = caList(data);
  }
  if (reader.remaining !== 0) throw new HandshakeReadError('MALFORMED', 'CertificateRequest: trailing bytes');
  return { caNames, signatureAlgorithms };
}

interface ServerHello { readonly version: 'TLSv1.2' | 'TLSv1.3'; readonly cipherSuite: number; readonly retry: boolean }

function parseServerHello(body: Buffer): ServerHello {
  const reader = new ByteReader(body);
  const legacyVersion = reader.u16();
  const random = reader.take(32);
  reader.vector8(); // legacy_session_id_echo
  const cipherSuite = reader.u16();
  reader.u8(); // compression
  let version = legacyVersion;
  if (reader.remaining > 0) {
    const extensions = reader.vector16();
    while (extensions.remaining > 0) {
      const type = extensions.u16();
      const data = extensions.vector16();
      if (type === 43) version = data.u16(); // supported_versions
    }
  }
  if (version !== 0x0303 && version !== 0x0304) throw new HandshakeReadError('UNSUPPORTED', `TLS version 0x${version.toString(16)}`);
  return { version: version === 0x0304 ? 'TLSv1.3' : 'TLSv1.2', cipherSuite, retry: random.equals(HRR_RANDOM) };
}

/** The server's flight up to what can be read without keys. */
export function readServerFlight(bytes: Buffer): ServerFlight {
  const messages = new HandshakeMessages();
  const encryptedRecords: Buffer[] = [];
  let hello: ServerHello | null = null;
  let request: WireCertificateRequest | null = null;
  let at = 0;
  while (at + 5 <= bytes.length) {
    const type = bytes[at]!;
    const length = bytes.readUInt16BE(at + 3);
    if (length > MAX_FRAGMENT || ![20, 21, 22, 23].includes(type)) throw new HandshakeReadError('MALFORMED', 'not a TLS record');
    if (at + 5 + length > bytes.length) break;
    const record = bytes.subarray(at, at + 5 + length);
    const fragment = record.subarray(5);
    at += 5 + length;
    if (type === CONTENT.alert) throw new HandshakeReadError('TRUNCATED', 'the server sent an alert');
    if (hello?.version === 'TLSv1.3') {
      // After the ServerHello: a compatibility ChangeCipherSpec, then encrypted records only.
      if (type === CONTENT.applicationData) encryptedRecords.push(record);
      else if (type !== CONTENT.changeCipherSpec) throw new HandshakeReadError('MALFORMED', 'plaintext after a TLS 1.3 ServerHello');
      continue;
    }
    if (type === CONTENT.changeCipherSpec) {
      // TLS 1.2: the rest is encrypted; an abbreviated (resumed) handshake has no CertificateRequest.
      if (hello) return { version: hello.version, cipherSuite: hello.cipherSuite, certificateRequest: request, encryptedRecords };
      continue; // a TLS 1.3 compatibility CCS after a HelloRetryRequest
    }
    if (type !== CONTENT.handshake) throw new HandshakeReadError('MALFORMED', 'encrypted data before the ServerHello');
    for (const message of messages.push(fragment)) {
      if (message.type === HANDSHAKE.serverHello) {
        const parsed = parseServerHello(message.body);
        if (!parsed.retry) hello = parsed;
        continue;
      }
      if (!hello) throw new HandshakeReadError('MALFORMED', `handshake message ${message.type} before the ServerHello`);
      if (hello.version === 'TLSv1.3') throw new HandshakeReadError('MALFORMED', 'plaintext after a TLS 1.3 ServerHello');
      if (message.type === HANDSHAKE.certificateRequest) request = parseTls12CertificateRequest(message.body);
      if (message.type === HANDSHAKE.serverHelloDone) {
        return { version: hello.version, cipherSuite: hello.cipherSuite, certificateRequest: request, encryptedRecords };
      }
    }
  }
  if (hello?.version === 'TLSv1.3') return { version: hello.version, cipherSuite: hello.cipherSuite, certificateRequest: null, encryptedRecords };
  throw new HandshakeReadError('TRUNCATED', 'the recorded flight ends before the server finished its first flight');
}

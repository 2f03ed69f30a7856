/**
 * Parsers for the handshake messages the probe needs: ServerHello (version and suite),
 * CertificateRequest in its TLS 1.2 (RFC 5246 7.4.4) and TLS 1.3 (RFC 8446 4.3.2) forms,
 * and the key-log lines (NSS format) Node emits on 'keylog'.
 */
import type { KeyType } from '../credentials/client-identity.js';
import type { CertificateRequestInfo } from './certificate-request.js';
import { HandshakeParseError } from './errors.js';

/** A bounds-checked cursor over a handshake message body. */
class Cursor {
  private offset = 0;
  constructor(private readonly input: Buffer, private readonly what: string) {}

  uint(bytes: number): number {
    this.need(bytes);
    const value = this.input.readUIntBE(this.offset, bytes);
    this.offset += bytes;
    return value;
  }

  bytes(length: number): Buffer {
    this.need(length);
    const out = this.input.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** A vector with a `lengthBytes`-byte length prefix. */
  vector(lengthBytes: number): Buffer {
    return this.bytes(this.uint(lengthBytes));
  }

  get done(): boolean {
    return this.offset === this.input.length;
  }

  end(): void {
    if (!this.done) throw new HandshakeParseError(`${this.what}: ${this.input.length - this.offset} trailing bytes`);
  }

  private need(length: number): void {
    if (this.offset + length > this.input.length) throw new HandshakeParseError(`${this.what}: truncated`);
  }
}

const HELLO_RETRY_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
const EXT_SIGNATURE_ALGORITHMS = 13;
const EXT_SUPPORTED_VERSIONS = 43;
const EXT_CERTIFICATE_AUTHORITIES = 47;

export interface ServerHelloInfo {
  readonly protocol: 'TLSv1.2' | 'TLSv1.3' | 'older';
  readonly cipherSuite: number;
  /** A HelloRetryRequest: another ServerHello follows. */
  readonly helloRetry: boolean;
}

export function parseServerHello(body: Buffer): ServerHelloInfo {
  const c = new Cursor(body, 'ServerHello');
  const legacyVersion = c.uint(2);
  const random = c.bytes(32);
  c.vector(1); // legacy_session_id_echo
  const cipherSuite = c.uint(2);
  c.uint(1); // compression
  let version = legacyVersion;
  if (!c.done) {
    const extensions = new Cursor(c.vector(2), 'ServerHello extensions');
    while (!extensions.done) {
      const type = extensions.uint(2);
      const data = extensions.vector(2);
      if (type === EXT_SUPPORTED_VERSIONS) version = new Cursor(data, 'supported_versions').uint(2);
    }
  }
  c.end();
  const protocol = version === 0x0304 ? 'TLSv1.3' : version === 0x0303 ? 'TLSv1.2' : 'older';
  return { protocol, cipherSuite, helloRetry: random.equals(HELLO_RETRY_RANDOM) };
}

/** Key type of a TLS SignatureScheme (RFC 8446 4.2.3), or undefined for EdDSA and unknowns. */
export function keyTypeOfSignatureScheme(scheme: number): KeyType | undefined {
  const high = scheme >> 8;
  const low = scheme & 0xff;
  if (high === 0x08) {
    if ((low >= 0x04 && low <= 0x06) || (low >= 0x09 && low <= 0x0b)) return 'RSA'; // rsa_pss_rsae_*, rsa_pss_pss_*
    if (low >= 0x1a && low <= 0x1c) return 'EC'; // ecdsa_brainpool*tls13_*
    return undefined; // ed25519, ed448, others
  }
  if (high >= 0x01 && high <= 0x06) {
    if (low === 0x01) return 'RSA'; // rsa_pkcs1_*
    if (low === 0x03) return 'EC'; // ecdsa_*
  }
  return undefined;
}

function readSchemeList(list: Buffer): number[] {
  const c = new Cursor(list, 'signature_algorithms list');
  const schemes: number[] = [];
  while (!c.done) schemes.push(c.uint(2));
  return schemes;
}

function readDistinguishedNames(list: Buffer): Buffer[] {
  const c = new Cursor(list, 'certificate_authorities');
  const names: Buffer[] = [];
  while (!c.done) {
    const name = c.vector(2);
    if (name.length === 0) throw new HandshakeParseError('certificate_authorities: empty DistinguishedName');
    names.push(Buffer.from(name));
  }
  return names;
}

export interface ParsedCertificateRequest extends CertificateRequestInfo {
  /** The signature schemes the server listed (in 1.2 they narrow certificate_types, in 1.3 they decide). */
  readonly signatureSchemes: readonly number[];
}

/** TLS 1.2: certificate_types, supported_signature_algorithms, certificate_authorities. */
export function parseCertificateRequest12(body: Buffer): ParsedCertificateRequest {
  const c = new Cursor(body, 'CertificateRequest (TLS 1.2)');
  const types = c.vector(1);
  const schemes = readSchemeList(c.vector(2));
  const names = readDistinguishedNames(c.vector(2));
  c.end();
  const fromTypes = new Set<KeyType>();
  for (const type of types) {
    if (type === 1) fromTypes.add('RSA'); // rsa_sign
    if (type === 64) fromTypes.add('EC'); // ecdsa_sign
  }
  return {
    protocol: 'TLSv1.2', keyTypes: acceptedKeyTypes12(types.length > 0, fromTypes, schemes), certificateTypeKeyTypes: fromTypes,
    certificateAuthorities: names, signatureSchemes: schemes,
  };
}

/**
 * TLS 1.2 key types as Conscrypt decides them (SSLUtils.getSupportedClientKeyTypes): when the
 * server sent both lists, a key type must be in both (a Java server lists every certificate
 * type but may allow only ECDSA signatures); when one list is empty, the other decides.
 */
function acceptedKeyTypes12(typesSent: boolean, fromTypes: ReadonlySet<KeyType>, schemes: readonly number[]): Set<KeyType> {
  const fromSchemes = keyTypesOfSchemes(schemes);
  if (!typesSent) return fromSchemes;
  if (schemes.length === 0) return new Set(fromTypes);
  return new Set([...fromSchemes].filter((type) => fromTypes.has(type)));
}

function keyTypesOfSchemes(schemes: readonly number[]): Set<KeyType> {
  const keyTypes = new Set<KeyType>();
  for (const scheme of schemes) {
    const keyType = keyTypeOfSignatureScheme(scheme);
    if (keyType) keyTypes.add(keyType);
  }
  return keyTypes;
}

/** TLS 1.3: certificate_request_context and extensions (signature_algorithms, certificate_authorities). */
export function parseCertificateRequest13(body: Buffer): ParsedCertificateRequest {
  const c = new Cursor(body, 'CertificateRequest (TLS 1.3)');
  c.vector(1); // certificate_request_context: empty during the handshake
  const extensions = new Cursor(c.vector(2), 'CertificateRequest extensions');
  c.end();
  let schemes: number[] | undefined;
  let names: Buffer[] = [];
  while (!extensions.done) {
    const type = extensions.uint(2);
    const data = extensions.vector(2);
    if (type === EXT_SIGNATURE_ALGORITHMS) {
      const ext = new Cursor(data, 'signature_algorithms');
      schemes = readSchemeList(ext.vector(2));
      ext.end();
    } else if (type === EXT_CERTIFICATE_AUTHORITIES) {
      const ext = new Cursor(data, 'certificate_authorities');
      names = readDistinguishedNames(ext.vector(2));
      ext.end();
    }
  }
  // RFC 8446 4.3.2: signature_algorithms MUST be present.
  if (!schemes) throw new HandshakeParseError('CertificateRequest (TLS 1.3) without signature_algorithms');
  return { protocol: 'TLSv1.3', keyTypes: keyTypesOfSchemes(schemes), certificateAuthorities: names, signatureSchemes: schemes };
}

export interface KeyLogEntry {
  readonly label: string;
  readonly clientRandom: Buffer;
  readonly secret: Buffer;
}

/** One NSS key-log line: `LABEL <client_random hex> <secret hex>`. */
export function parseKeyLogLine(line: Buffer | string): KeyLogEntry | undefined {
  const parts = line.toString('latin1').trim().split(/\s+/);
  if (parts.length !== 3 || !/^[0-9a-f]+$/i.test(parts[1]!) || !/^[0-9a-f]+$/i.test(parts[2]!)) return undefined;
  return { label: parts[0]!, clientRandom: Buffer.from(parts[1]!, 'hex'), secret: Buffer.from(parts[2]!, 'hex') };
}

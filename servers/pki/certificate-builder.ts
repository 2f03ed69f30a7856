/**
 * X.509 v3 certificate builder: TBSCertificate from DER pieces, signed with node:crypto
 * (sha256WithRSAEncryption for RSA issuers, ecdsa-with-SHA256 for EC issuers).
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  integer,
  namedBits,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  toPem,
  x509Time,
} from './der-writer.js';
import { encodeName, formatRfc2253, upperCaseName, type DistinguishedName, type NameStringType } from './distinguished-name.js';
import { IncompleteCertificateError, PkiInputError } from './errors.js';
import { Oid } from './oids.js';
import { encodeSubjectAltName } from './subject-alt-name.js';

/** RFC 5280 keyUsage bit numbers. */
export const KeyUsage = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

/** What signs a certificate: a CA's name, key and key identifier (for the AKI). */
export interface CertificateSigner {
  readonly name: DistinguishedName;
  readonly privateKey: KeyObject;
  readonly subjectKeyId: Buffer;
}

export interface IssuedCertificate {
  readonly der: Buffer;
  readonly pem: string;
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** Upper-case hex of the serial, as OpenSSL (and nginx's $ssl_client_serial) prints it. */
  readonly serialHex: string;
  readonly subjectKeyId: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** What a server reports of a client certificate (nginx's variables): RFC 2253 names, serial, SHA-1 of the DER. */
export function asServersSeeIt(cert: IssuedCertificate): { subject: string; issuer: string; serial: string; fingerprint: string } {
  return {
    subject: formatRfc2253(cert.subject),
    issuer: formatRfc2253(cert.issuer),
    serial: cert.serialHex,
    fingerprint: createHash('sha1').update(cert.der).digest('hex'),
  };
}

/**
 * How the issuer field spells the signer's name. Default: exactly as the signer's subject.
 * Other spellings are the same X.500 name in other bytes (see distinguished-name.ts).
 */
export interface IssuerNameSpelling {
  readonly stringType?: NameStringType;
  readonly letterCase?: 'as-is' | 'upper';
}

/** Random 16-octet positive serial whose first octet is non-zero (so no sign or padding octet). */
export function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial;
}

/** The BIT STRING payload inside a SubjectPublicKeyInfo (RFC 5280 4.2.1.2 method 1 hashes it). */
function subjectPublicKeyBits(spki: Buffer): Buffer {
  const readHeader = (offset: number): { contentStart: number; length: number } => {
    const first = spki[offset + 1]!;
    if (first < 0x80) return { contentStart: offset + 2, length: first };
    const count = first & 0x7f;
    let length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + spki[offset + 2 + i]!;
    return { contentStart: offset + 2 + count, length };
  };
  const outer = readHeader(0);
  const algorithm = readHeader(outer.contentStart);
  const bits = readHeader(algorithm.contentStart + algorithm.length);
  return spki.subarray(bits.contentStart + 1, bits.contentStart + bits.length);
}

export function subjectKeyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha1').update(subjectPublicKeyBits(spki)).digest();
}

function signatureAlgorithm(key: KeyObject): Buffer {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return sequence(objectIdentifier(Oid.sha256WithRSAEncryption), nullValue());
    case 'ec':
      return sequence(objectIdentifier(Oid.ecdsaWithSha256));
    default:
      throw new PkiInputError(`unsupported issuer key type ${String(key.asymmetricKeyType)}`);
  }
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

export class CertificateBuilder {
  private serial: Buffer = randomSerial();
  private subjectName: DistinguishedName | undefined;
  private key: KeyObject | undefined;
  private notBefore: Date | undefined;
  private notAfter: Date | undefined;
  private ca: { pathLength?: number } | undefined;
  private usages: number[] = [];
  private extendedUsages: string[] = [];
  private altNames: string[] = [];
  private issuerSpelling: IssuerNameSpelling = {};

  serialNumber(serial: Buffer): this {
    this.serial = serial;
    return this;
  }

  subject(name: DistinguishedName): this {
    this.subjectName = name;
    return this;
  }

  publicKey(key: KeyObject): this {
    this.key = key;
    return this;
  }

  validity(notBefore: Date, notAfter: Date): this {
    if (notAfter.getTime() <= notBefore.getTime()) throw new PkiInputError('notAfter must follow notBefore');
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    return this;
  }

  /** basicConstraints CA:TRUE (critical) plus keyCertSign and cRLSign. */
  certificateAuthority(pathLength?: number): this {
    this.ca = pathLength === undefined ? {} : { pathLength };
    this.usages.push(KeyUsage.keyCertSign, KeyUsage.cRLSign);
    return this;
  }

  keyUsage(...bits: number[]): this {
    this.usages.push(...bits);
    return this;
  }

  extendedKeyUsage(...oids: string[]): this {
    this.extendedUsages.push(...oids);
    return this;
  }

  subjectAltNames(...hosts: string[]): this {
    this.altNames.push(...hosts);
    return this;
  }

  /** Writes the issuer name with another string type or letter case than the signer's subject. */
  issuerNameSpelling(spelling: IssuerNameSpelling): this {
    this.issuerSpelling = spelling;
    return this;
  }

  private extensions(subjectKeyId: Buffer, authorityKeyId: Buffer): Buffer {
    const basic = this.ca
      ? sequence(boolean(true), ...(this.ca.pathLength === undefined ? [] : [integer(this.ca.pathLength)]))
      : sequence();
    const list = [
      extension(Oid.basicConstraints, true, basic),
      extension(Oid.subjectKeyIdentifier, false, octetString(subjectKeyId)),
      extension(Oid.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, authorityKeyId))),
    ];
    if (this.usages.length > 0) list.push(extension(Oid.keyUsage, true, namedBits([...new Set(this.usages)])));
    if (this.extendedUsages.length > 0) {
      list.push(extension(Oid.extKeyUsage, false, sequence(...this.extendedUsages.map(objectIdentifier))));
    }
    if (this.altNames.length > 0) list.push(extension(Oid.subjectAltName, false, encodeSubjectAltName(this.altNames)));
    return explicit(3, sequence(...list));
  }

  /** Signs with the signer's key; omit the signer for a self-signed certificate (needs the private key). */
  sign(signer: CertificateSigner | { selfSigned: KeyObject }): IssuedCertificate {
    const subject = this.subjectName;
    const key = this.key;
    if (!subject) throw new IncompleteCertificateError('subject');
    if (!key) throw new IncompleteCertificateError('publicKey');
    if (!this.notBefore || !this.notAfter) throw new IncompleteCertificateError('validity');
    const subjectKeyId = subjectKeyIdentifier(key);
    const issuer: CertificateSigner =
      'selfSigned' in signer ? { name: subject, privateKey: signer.selfSigned, subjectKeyId } : signer;
    const algorithm = signatureAlgorithm(issuer.privateKey);
    const issuerName = this.issuerSpelling.letterCase === 'upper' ? upperCaseName(issuer.name) : issuer.name;
    const tbs = sequence(
      explicit(0, integer(2)),
      integer(this.serial),
      algorithm,
      encodeName(issuerName, this.issuerSpelling.stringType),
      sequence(x509Time(this.notBefore), x509Time(this.notAfter)),
      encodeName(subject),
      key.export({ type: 'spki', format: 'der' }),
      this.extensions(subjectKeyId, issuer.subjectKeyId),
    );
    const signature = sign('sha256', tbs, issuer.privateKey);
    const der = sequence(tbs, algorithm, bitString(signature));
    return {
      der,
      pem: toPem('CERTIFICATE', der),
      subject,
      issuer: issuerName,
      serialHex: this.serial.toString('hex').toUpperCase().replace(/^(00)+(?=..)/, ''),
      subjectKeyId,
      notBefore: this.notBefore,
      notAfter: this.notAfter,
    };
  }
}


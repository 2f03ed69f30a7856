/**
 * PKCS#12 (RFC 7292) writer. Protections:
 *   - modern: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for keys and certificates, HMAC-SHA256 MAC;
 *   - legacy: pbeWithSHAAnd3-KeyTripleDES-CBC for keys and certificates, HMAC-SHA1 MAC;
 *   - none: plain keyBag and certBags, no encryption and no MAC.
 * Key and leaf certificate bags carry localKeyId (SHA-1 of the certificate, as OpenSSL writes)
 * and friendlyName, so readers can pair them.
 */
import { createHash, createHmac, randomBytes, type KeyObject } from 'node:crypto';
import {
  bmpString,
  explicit,
  implicitPrimitive,
  integer,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  setOf,
} from './der-writer.js';
import { PkiInputError } from './errors.js';
import { Oid } from './oids.js';
import { encrypt, type Pkcs12Cipher } from './pkcs12-encryption.js';
import { Pkcs12KeyPurpose, pkcs12Kdf } from './pkcs12-kdf.js';

export type Pkcs12Protection = 'modern' | 'legacy' | 'none';

/** OpenSSL's default iteration count for both encryption and MAC. */
export const DEFAULT_PKCS12_ITERATIONS = 2048;

interface IdentityEntry {
  readonly privateKey: KeyObject;
  readonly certificate: Buffer;
  readonly friendlyName: string;
}

function attribute(oid: string, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), setOf(value));
}

function safeBag(bagOid: string, value: Buffer, attributes: Buffer[]): Buffer {
  const parts = [objectIdentifier(bagOid), explicit(0, value)];
  if (attributes.length > 0) parts.push(setOf(...attributes));
  return sequence(...parts);
}

function dataContentInfo(content: Buffer): Buffer {
  return sequence(objectIdentifier(Oid.pkcs7Data), explicit(0, octetString(content)));
}

function encryptedDataContentInfo(algorithm: Buffer, ciphertext: Buffer): Buffer {
  const encryptedContentInfo = sequence(objectIdentifier(Oid.pkcs7Data), algorithm, implicitPrimitive(0, ciphertext));
  return sequence(objectIdentifier(Oid.pkcs7EncryptedData), explicit(0, sequence(integer(0), encryptedContentInfo)));
}

export class Pkcs12Builder {
  private readonly identities: IdentityEntry[] = [];
  private readonly extraCertificates: Buffer[] = [];
  private protectionKind: Pkcs12Protection = 'modern';
  private passwordValue = '';
  private iterationCount = DEFAULT_PKCS12_ITERATIONS;

  /** A private key with its leaf certificate (DER); order is kept (readers often take the first). */
  addIdentity(privateKey: KeyObject, certificate: Buffer, friendlyName: string): this {
    this.identities.push({ privateKey, certificate, friendlyName });
    return this;
  }

  /** A chain certificate (DER) without key or attributes. */
  addCertificate(certificate: Buffer): this {
    this.extraCertificates.push(certificate);
    return this;
  }

  protection(kind: Pkcs12Protection, password: string): this {
    this.protectionKind = kind;
    this.passwordValue = password;
    return this;
  }

  iterations(count: number): this {
    if (!Number.isInteger(count) || count < 1) throw new PkiInputError('iteration count must be a positive integer');
    this.iterationCount = count;
    return this;
  }

  async build(): Promise<Buffer> {
    if (this.identities.length === 0) throw new PkiInputError('a PKCS#12 bundle needs at least one identity');
    const cipher: Pkcs12Cipher | undefined =
      this.protectionKind === 'modern' ? 'pbes2-aes256' : this.protectionKind === 'legacy' ? 'pbe-sha1-3des' : undefined;

    const certBags: Buffer[] = [];
    const keyBags: Buffer[] = [];
    for (const identity of this.identities) {
      const localKeyId = createHash('sha1').update(identity.certificate).digest();
      const attributes = [
        attribute(Oid.friendlyName, bmpString(identity.friendlyName)),
        attribute(Oid.localKeyId, octetString(localKeyId)),
      ];
      certBags.push(safeBag(Oid.certBag, this.certBagValue(identity.certificate), attributes));
      keyBags.push(await this.keyBag(identity.privateKey, cipher, attributes));
    }
    for (const certificate of this.extraCertificates) certBags.push(safeBag(Oid.certBag, this.certBagValue(certificate), []));

    const certContents = sequence(...certBags);
    const certInfo = cipher
      ? await encrypt(cipher, this.passwordValue, certContents, this.iterationCount).then((e) =>
          encryptedDataContentInfo(e.algorithm, e.ciphertext),
        )
      : dataContentInfo(certContents);
    const authenticatedSafe = sequence(certInfo, dataContentInfo(sequence(...keyBags)));

    const parts = [integer(3), dataContentInfo(authenticatedSafe)];
    if (cipher) parts.push(this.macData(authenticatedSafe, cipher === 'pbes2-aes256' ? 'sha256' : 'sha1'));
    return sequence(...parts);
  }

  private certBagValue(certificate: Buffer): Buffer {
    return sequence(objectIdentifier(Oid.x509Certificate), explicit(0, octetString(certificate)));
  }

  private async keyBag(key: KeyObject, cipher: Pkcs12Cipher | undefined, attributes: Buffer[]): Promise<Buffer> {
    const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
    if (!cipher) return safeBag(Oid.keyBag, pkcs8, attributes);
    const { algorithm, ciphertext } = await encrypt(cipher, this.passwordValue, pkcs8, this.iterationCount);
    return safeBag(Oid.pkcs8ShroudedKeyBag, sequence(algorithm, octetString(ciphertext)), attributes);
  }

  /** MacData: HMAC over the AuthenticatedSafe octets, key from the PKCS#12 KDF (purpose 3). */
  private macData(authenticatedSafe: Buffer, hash: 'sha1' | 'sha256'): Buffer {
    const salt = randomBytes(8);
    const keyLength = hash === 'sha1' ? 20 : 32;
    const key = pkcs12Kdf(hash, this.passwordValue, salt, this.iterationCount, Pkcs12KeyPurpose.macKey, keyLength);
    const digest = createHmac(hash, key).update(authenticatedSafe).digest();
    const digestOid = hash === 'sha1' ? Oid.sha1 : Oid.sha256;
    return sequence(
      sequence(sequence(objectIdentifier(digestOid), nullValue()), octetString(digest)),
      octetString(salt),
      integer(this.iterationCount),
    );
  }
}

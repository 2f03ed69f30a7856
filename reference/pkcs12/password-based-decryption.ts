/**
 * Decrypts what a password protects in a PKCS#12 file: PBES2 (RFC 8018: PBKDF2 + AES-CBC or
 * DES-EDE3-CBC) and the PKCS#12 PBE schemes (RFC 7292 appendix C: 3DES and RC2 with SHA-1).
 */
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { children, decodeOid, decodeSmallInteger, expectTag, Tag, type DerNode } from '../asn1/der-reader.js';
import { Pkcs12BadPasswordError, Pkcs12MalformedError, Pkcs12UnsupportedAlgorithmError } from './errors.js';
import { DEFAULT_PKCS12_LIMITS, type DecodeBudget, type WorkShare } from './limits.js';
import { hmacDigestByOid, Oid, pbes2CipherByOid } from './oids.js';
import { KdfPurpose, pkcs12Kdf } from './pkcs12-kdf.js';
import { rc2CbcDecrypt } from './rc2.js';

/** The bound on one KDF run's iteration count (limits.ts; sources in docs/decisions.md). */
export const MAX_ITERATIONS = DEFAULT_PKCS12_LIMITS.iterations;

/** The password in each encoding a scheme may want. */
export interface PasswordEncodings {
  /** PBES2: the password's UTF-8 bytes. */
  readonly utf8: Buffer;
  /** PKCS#12 KDF: BMPString forms to try, in order (two for the empty password). */
  readonly bmp: readonly Buffer[];
}

type Pkcs12Pbe = { keyLength: number; decrypt: (key: Buffer, iv: Buffer, data: Buffer) => Buffer };

const pkcs12Pbes: ReadonlyMap<string, Pkcs12Pbe> = new Map([
  [Oid.pbeSha13Des, { keyLength: 24, decrypt: (k, iv, d) => nodeCbc('des-ede3-cbc', k, iv, d) }],
  [Oid.pbeSha12Des, { keyLength: 16, decrypt: (k, iv, d) => nodeCbc('des-ede3-cbc', Buffer.concat([k, k.subarray(0, 8)]), iv, d) }],
  [Oid.pbeSha1Rc2128, { keyLength: 16, decrypt: (k, iv, d) => rc2Cbc(k, 128, iv, d) }],
  [Oid.pbeSha1Rc240, { keyLength: 5, decrypt: (k, iv, d) => rc2Cbc(k, 40, iv, d) }],
]);

/** Decrypts `data` under `algorithm` (an AlgorithmIdentifier); wrong password -> Pkcs12BadPasswordError. */
export function decryptWithPassword(
  algorithm: DerNode, data: Buffer, password: PasswordEncodings, budget: DecodeBudget, share: WorkShare = 'file',
): Buffer {
  const [oidNode, params] = children(expectTag(algorithm, Tag.SEQUENCE, 'encryption algorithm'));
  const oid = decodeOid(oidNode!);
  if (oid === Oid.pbes2) return decryptPbes2(params, data, password.utf8, budget, share);
  const scheme = pkcs12Pbes.get(oid);
  if (!scheme) throw new Pkcs12UnsupportedAlgorithmError(oid, 'encryption algorithm');
  const [saltNode, iterNode] = children(expectTag(params, Tag.SEQUENCE, 'PBE parameters'));
  const salt = expectTag(saltNode, Tag.OCTET_STRING, 'PBE salt').value;
  const iterations = checkedIterations(iterNode, budget);
  requireBlocks(data, 8);
  for (const form of password.bmp) {
    budget.chargeKdf('pkcs12', 'sha1', iterations, scheme.keyLength, share);
    budget.chargeKdf('pkcs12', 'sha1', iterations, 8, share);
    const key = pkcs12Kdf('sha1', form, salt, KdfPurpose.key, iterations, scheme.keyLength);
    const iv = pkcs12Kdf('sha1', form, salt, KdfPurpose.iv, iterations, 8);
    const plain = unpad(scheme.decrypt(key, iv, data), 8);
    if (plain) return plain;
  }
  throw new Pkcs12BadPasswordError();
}

function decryptPbes2(params: DerNode | undefined, data: Buffer, password: Buffer, budget: DecodeBudget, share: WorkShare): Buffer {
  const [kdf, scheme] = children(expectTag(params, Tag.SEQUENCE, 'PBES2 parameters'));
  const [kdfOid, kdfParams] = children(expectTag(kdf, Tag.SEQUENCE, 'PBES2 key derivation'));
  const kdfName = decodeOid(kdfOid!);
  if (kdfName !== Oid.pbkdf2) throw new Pkcs12UnsupportedAlgorithmError(kdfName, 'key derivation function');
  const [schemeOid, ivNode] = children(expectTag(scheme, Tag.SEQUENCE, 'PBES2 encryption scheme'));
  const cipherOid = decodeOid(schemeOid!);
  const cipher = pbes2CipherByOid.get(cipherOid);
  if (!cipher) throw new Pkcs12UnsupportedAlgorithmError(cipherOid, 'cipher');
  const iv = expectTag(ivNode, Tag.OCTET_STRING, 'PBES2 IV').value;
  const blockSize = cipher.cipher.startsWith('aes') ? 16 : 8;
  if (iv.length !== blockSize) throw new Pkcs12MalformedError('PBES2 IV of the wrong length');

  const fields = children(expectTag(kdfParams, Tag.SEQUENCE, 'PBKDF2 parameters'));
  const salt = fields[0];
  if (salt?.tag !== Tag.OCTET_STRING) throw new Pkcs12UnsupportedAlgorithmError(Oid.pbkdf2, 'PBKDF2 salt source of');
  const iterations = checkedIterations(fields[1], budget);
  let digest = 'sha1';
  for (const field of fields.slice(2)) {
    if (field.tag === Tag.INTEGER) {
      if (decodeSmallInteger(field) !== cipher.keyLength) throw new Pkcs12MalformedError('PBKDF2 key length does not fit the cipher');
    } else {
      const prfOid = decodeOid(children(expectTag(field, Tag.SEQUENCE, 'PBKDF2 prf'))[0]!);
      const prf = hmacDigestByOid.get(prfOid);
      if (!prf) throw new Pkcs12UnsupportedAlgorithmError(prfOid, 'PBKDF2 prf');
      digest = prf;
    }
  }
  requireBlocks(data, blockSize);
  budget.chargeKdf('pbkdf2', digest, iterations, cipher.keyLength, share);
  const key = pbkdf2Sync(password, salt.value, iterations, cipher.keyLength, digest);
  const plain = unpad(nodeCbc(cipher.cipher, key, iv, data), blockSize);
  if (!plain) throw new Pkcs12BadPasswordError();
  return plain;
}

/** The count of an iteration field, refused at once when above the bound (before any other parsing). */
export function checkedIterations(node: DerNode | undefined, budget: DecodeBudget): number {
  const iterations = decodeSmallInteger(expectTag(node, Tag.INTEGER, 'iteration count'));
  if (iterations < 1) throw new Pkcs12MalformedError('iteration count below 1');
  budget.checkIterations(iterations);
  return iterations;
}

function requireBlocks(data: Buffer, blockSize: number): void {
  if (data.length === 0 || data.length % blockSize !== 0) throw new Pkcs12MalformedError('ciphertext is not a whole number of blocks');
}

function nodeCbc(cipher: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const decipher = createDecipheriv(cipher, key, iv).setAutoPadding(false);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

function rc2Cbc(key: Buffer, bits: number, iv: Buffer, data: Buffer): Buffer {
  return rc2CbcDecrypt(key, bits, iv, data);
}

/** Strips PKCS#7 padding; null when it is not valid (the usual sign of a wrong password). */
function unpad(plain: Buffer, blockSize: number): Buffer | null {
  const n = plain[plain.length - 1]!;
  if (n < 1 || n > blockSize || n > plain.length) return null;
  for (let i = plain.length - n; i < plain.length; i++) if (plain[i] !== n) return null;
  return plain.subarray(0, plain.length - n);
}

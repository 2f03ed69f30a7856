/**
 * Password-based encryption schemes for PKCS#12 contents: each returns the AlgorithmIdentifier
 * to write and the ciphertext.
 *   - PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC (OpenSSL 3's default).
 *   - pbeWithSHAAnd3-KeyTripleDES-CBC with the PKCS#12 KDF (what older Apple and Java stacks accept).
 */
import { createCipheriv, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { integer, nullValue, objectIdentifier, octetString, sequence } from './der-writer.js';
import { Oid } from './oids.js';
import { Pkcs12KeyPurpose, pkcs12Kdf } from './pkcs12-kdf.js';

const pbkdf2Async = promisify(pbkdf2);

export type Pkcs12Cipher = 'pbes2-aes256' | 'pbe-sha1-3des';

export interface EncryptedContent {
  readonly algorithm: Buffer;
  readonly ciphertext: Buffer;
}

export async function encryptPbes2(password: string, plaintext: Buffer, iterations: number): Promise<EncryptedContent> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  // PBES2 hands the password to PBKDF2 as its UTF-8 octets (no BMPString here).
  const key = await pbkdf2Async(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const algorithm = sequence(
    objectIdentifier(Oid.pbes2),
    sequence(
      sequence(
        objectIdentifier(Oid.pbkdf2),
        sequence(octetString(salt), integer(iterations), sequence(objectIdentifier(Oid.hmacWithSha256), nullValue())),
      ),
      sequence(objectIdentifier(Oid.aes256Cbc), octetString(iv)),
    ),
  );
  return { algorithm, ciphertext };
}

export function encryptTripleDes(password: string, plaintext: Buffer, iterations: number): EncryptedContent {
  const salt = randomBytes(8);
  const key = pkcs12Kdf('sha1', password, salt, iterations, Pkcs12KeyPurpose.encryptionKey, 24);
  const iv = pkcs12Kdf('sha1', password, salt, iterations, Pkcs12KeyPurpose.iv, 8);
  const cipher = createCipheriv('des-ede3-cbc', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const algorithm = sequence(
    objectIdentifier(Oid.pbeWithShaAnd3KeyTripleDesCbc),
    sequence(octetString(salt), integer(iterations)),
  );
  return { algorithm, ciphertext };
}

export async function encrypt(
  cipher: Pkcs12Cipher,
  password: string,
  plaintext: Buffer,
  iterations: number,
): Promise<EncryptedContent> {
  return cipher === 'pbes2-aes256'
    ? encryptPbes2(password, plaintext, iterations)
    : encryptTripleDes(password, plaintext, iterations);
}

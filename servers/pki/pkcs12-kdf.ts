/**
 * The PKCS#12 key derivation (RFC 7292 appendix B.2), used for the MAC key and for the
 * legacy pbeWithSHAAnd3-KeyTripleDES-CBC key and IV. Not PBKDF2: node:crypto lacks it.
 */
import { createHash, hash as digest } from 'node:crypto';

export const Pkcs12KeyPurpose = { encryptionKey: 1, iv: 2, macKey: 3 } as const;
export type Pkcs12KeyPurpose = (typeof Pkcs12KeyPurpose)[keyof typeof Pkcs12KeyPurpose];

/** Password as a BMPString with a two-zero-octet terminator ("" gives just the terminator). */
export function pkcs12PasswordBytes(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
}

function repeatToMultiple(input: Buffer, blockSize: number): Buffer {
  if (input.length === 0) return Buffer.alloc(0);
  const length = blockSize * Math.ceil(input.length / blockSize);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) out[i] = input[i % input.length]!;
  return out;
}

export function pkcs12Kdf(
  hash: 'sha1' | 'sha256',
  password: string,
  salt: Buffer,
  iterations: number,
  purpose: Pkcs12KeyPurpose,
  length: number,
): Buffer {
  const u = hash === 'sha1' ? 20 : 32;
  const v = 64;
  const D = Buffer.alloc(v, purpose);
  const I = Buffer.concat([repeatToMultiple(salt, v), repeatToMultiple(pkcs12PasswordBytes(password), v)]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let A = createHash(hash).update(D).update(I).digest();
    // One-shot crypto.hash: about twice as fast as createHash for these tiny inputs.
    for (let r = 1; r < iterations; r += 1) A = digest(hash, A, 'buffer');
    blocks.push(A);
    const B = repeatToMultiple(A, v);
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-octet block of I.
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k -= 1) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}

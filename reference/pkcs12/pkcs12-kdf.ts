/** The PKCS#12 key derivation function (RFC 7292 appendix B) and its password encoding. */
import { iterateDigest } from './iterated-hash.js';

export const KdfPurpose = { key: 1, iv: 2, mac: 3 } as const;

const blockSize: Record<string, number> = { sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };
const outputSize: Record<string, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/**
 * The password as the KDF wants it: BMPString (UTF-16BE) plus two zero bytes. For the empty
 * password OpenSSL also tries the zero-length form, so both are returned, the usual first.
 */
export function pkcs12PasswordForms(password: string): Buffer[] {
  const bytes = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) bytes.writeUInt16BE(password.charCodeAt(i), i * 2);
  return password.length === 0 ? [bytes, Buffer.alloc(0)] : [bytes];
}

/** D || S || P of RFC 7292 B.2: the diversifier, then salt and password each repeated to whole blocks. */
function kdfInput(digest: string, password: Buffer, salt: Buffer, purpose: number): Buffer {
  const v = blockSize[digest]!;
  const fill = (source: Buffer): Buffer => {
    const out = Buffer.alloc(source.length === 0 ? 0 : v * Math.ceil(source.length / v));
    for (let i = 0; i < out.length; i++) out[i] = source[i % source.length]!;
    return out;
  };
  return Buffer.concat([Buffer.alloc(v, purpose), fill(salt), fill(password)]);
}

export function pkcs12Kdf(digest: string, password: Buffer, salt: Buffer, purpose: number, iterations: number, length: number): Buffer {
  const v = blockSize[digest]!;
  const u = outputSize[digest]!;
  const input = kdfInput(digest, password, salt, purpose);
  const blocks = Math.ceil(length / u);
  const result: Buffer[] = [];
  for (let block = 0; block < blocks; block++) {
    const a = iterateDigest(digest, input, iterations);
    result.push(a);
    if (block === blocks - 1) break;
    // I_j = (I_j + B + 1) mod 2^(8v), where B is A repeated to v bytes.
    for (let j = v; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k]! + a[k % u]! + carry;
        input[j + k] = sum & 0xff;
        carry = sum >>> 8;
      }
    }
  }
  return Buffer.concat(result).subarray(0, length);
}

export function isKdfDigest(digest: string): boolean {
  return digest in blockSize;
}

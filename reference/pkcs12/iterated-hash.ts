/**
 * H^count(input): the inner loop of the PKCS#12 KDF (RFC 7292 appendix B), one node:crypto
 * hash() per round. hash() is the cheapest node:crypto call for it (one call, no Hash object:
 * about 0.3 µs per round here, against 0.5 µs for createHash); the call, not the hashing of one
 * short digest, is most of that cost (docs/decisions.md, "KDF speed").
 */
import { hash } from 'node:crypto';

export function iterateDigest(algorithm: string, input: Buffer, count: number): Buffer {
  let digest = hash(algorithm, input, 'buffer');
  for (let i = 1; i < count; i++) digest = hash(algorithm, digest, 'buffer');
  return digest;
}

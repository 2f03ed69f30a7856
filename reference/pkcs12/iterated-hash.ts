/**
 * H^count(input): the inner loop of the PKCS#12 KDF (RFC 7292 appendix B). The first round
 * hashes the whole input through node:crypto; every later round hashes one short digest (one
 * compression block), which the WebAssembly kernels do without a call per round
 * (wasm-hash/: 600,000 SHA-1 rounds in about the time OpenSSL's own KDF takes).
 */
import { hash } from 'node:crypto';
import { isKernelDigest, rehash } from './wasm-hash/index.js';

export function iterateDigest(algorithm: string, input: Buffer, count: number): Buffer {
  let digest = hash(algorithm, input, 'buffer');
  if (count <= 1) return digest;
  if (isKernelDigest(algorithm)) return rehash(algorithm, digest, count - 1);
  for (let i = 1; i < count; i++) digest = hash(algorithm, digest, 'buffer');
  return digest;
}

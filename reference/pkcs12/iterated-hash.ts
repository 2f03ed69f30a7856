/**
 * H^count(input): the inner loop of the PKCS#12 KDF (RFC 7292 appendix B). After the first
 * round the input is one short digest, i.e. one compression block; calling node:crypto 2,048
 * times costs more in call overhead than the hashing itself, so SHA-1/224/256 (the MACs real
 * files use) iterate here on 32-bit words. Other digests loop over node:crypto.
 */
import { hash } from 'node:crypto';

const K256 = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV256 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const IV224 = [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];
const IV1 = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

export function iterateDigest(algorithm: string, input: Buffer, count: number): Buffer {
  let digest = hash(algorithm, input, 'buffer');
  if (count <= 1) return digest;
  switch (algorithm) {
    case 'sha256': return iterateSha2(digest, count - 1, IV256, 8);
    case 'sha224': return iterateSha2(digest, count - 1, IV224, 7);
    case 'sha1': return iterateSha1(digest, count - 1);
    default:
      for (let i = 1; i < count; i++) digest = hash(algorithm, digest, 'buffer');
      return digest;
  }
}

function toWords(digest: Buffer, words: number): Int32Array {
  const out = new Int32Array(words);
  for (let i = 0; i < words; i++) out[i] = digest.readInt32BE(i * 4);
  return out;
}

function fromWords(state: Int32Array): Buffer {
  const out = Buffer.allocUnsafe(state.length * 4);
  for (let i = 0; i < state.length; i++) out.writeInt32BE(state[i]!, i * 4);
  return out;
}

/** SHA-256 (8 words) or SHA-224 (7 words) of a digest, `rounds` times. */
function iterateSha2(digest: Buffer, rounds: number, iv: number[], words: number): Buffer {
  const state = new Int32Array(8);
  state.set(toWords(digest, words));
  const init = Int32Array.from(iv);
  const w = new Int32Array(64);
  for (let r = 0; r < rounds; r++) {
    w.set(state, 0);
    w[words] = 0x80000000 | 0;
    w.fill(0, words + 1, 15);
    w[15] = words * 32;
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!, y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = init[0]!, b = init[1]!, c = init[2]!, d = init[3]!, e = init[4]!, f = init[5]!, g = init[6]!, h = init[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    state[0] = init[0]! + a; state[1] = init[1]! + b; state[2] = init[2]! + c; state[3] = init[3]! + d;
    state[4] = init[4]! + e; state[5] = init[5]! + f; state[6] = init[6]! + g; state[7] = init[7]! + h;
  }
  return fromWords(state.subarray(0, words));
}

function iterateSha1(digest: Buffer, rounds: number): Buffer {
  const state = toWords(digest, 5);
  const w = new Int32Array(80);
  for (let r = 0; r < rounds; r++) {
    w.set(state, 0);
    w[5] = 0x80000000 | 0;
    w.fill(0, 6, 15);
    w[15] = 160;
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = IV1[0]! | 0, b = IV1[1]! | 0, c = IV1[2]! | 0, d = IV1[3]! | 0, e = IV1[4]! | 0;
    for (let t = 0; t < 80; t++) {
      let f: number, k: number;
      if (t < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc | 0; }
      else { f = b ^ c ^ d; k = 0xca62c1d6 | 0; }
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    state[0] = (IV1[0]! + a) | 0; state[1] = (IV1[1]! + b) | 0; state[2] = (IV1[2]! + c) | 0;
    state[3] = (IV1[3]! + d) | 0; state[4] = (IV1[4]! + e) | 0;
  }
  return fromWords(state);
}

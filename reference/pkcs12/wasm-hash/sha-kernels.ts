/**
 * Code generators for H^n(digest) loops (FIPS 180-4): each exported function takes the round
 * count, reads the state words from address 0 (host byte order), hashes the one-block message
 * "digest || padding" that many times and writes the state back. Rounds are fully unrolled
 * with the working variables renamed instead of moved.
 */
import { FunctionBody, I32, I64, Op, type ExportedFunction } from './wasm-writer.js';

const K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const K512 = [
  '428a2f98d728ae22', '7137449123ef65cd', 'b5c0fbcfec4d3b2f', 'e9b5dba58189dbbc', '3956c25bf348b538', '59f111f1b605d019',
  '923f82a4af194f9b', 'ab1c5ed5da6d8118', 'd807aa98a3030242', '12835b0145706fbe', '243185be4ee4b28c', '550c7dc3d5ffb4e2',
  '72be5d74f27b896f', '80deb1fe3b1696b1', '9bdc06a725c71235', 'c19bf174cf692694', 'e49b69c19ef14ad2', 'efbe4786384f25e3',
  '0fc19dc68b8cd5b5', '240ca1cc77ac9c65', '2de92c6f592b0275', '4a7484aa6ea6e483', '5cb0a9dcbd41fbd4', '76f988da831153b5',
  '983e5152ee66dfab', 'a831c66d2db43210', 'b00327c898fb213f', 'bf597fc7beef0ee4', 'c6e00bf33da88fc2', 'd5a79147930aa725',
  '06ca6351e003826f', '142929670a0e6e70', '27b70a8546d22ffc', '2e1b21385c26c926', '4d2c6dfc5ac42aed', '53380d139d95b3df',
  '650a73548baf63de', '766a0abb3c77b2a8', '81c2c92e47edaee6', '92722c851482353b', 'a2bfe8a14cf10364', 'a81a664bbc423001',
  'c24b8b70d0f89791', 'c76c51a30654be30', 'd192e819d6ef5218', 'd69906245565a910', 'f40e35855771202a', '106aa07032bbd1b8',
  '19a4c116b8d2d0c8', '1e376c085141ab53', '2748774cdf8eeb99', '34b0bcb5e19b48a8', '391c0cb3c5c95a63', '4ed8aa4ae3418acb',
  '5b9cca4f7763e373', '682e6ff3d6b2b8a3', '748f82ee5defb2fc', '78a5636f43172f60', '84c87814a1f0ab72', '8cc702081a6439ec',
  '90befffa23631e28', 'a4506cebde82bde9', 'bef9a3f7b2c67915', 'c67178f2e372532b', 'ca273eceea26619c', 'd186b8c721c0c207',
  'eada7dd6cde0eb1e', 'f57d4f7fee6ed178', '06f067aa72176fba', '0a637dc5a2c898a6', '113f9804bef90dae', '1b710b35131c471b',
  '28db77f523047d84', '32caab7b40c72493', '3c9ebe0a15c9bebc', '431d67c49c100d4c', '4cc5d4becb3e42b6', '597f299cfc657e2a',
  '5fcb6fab3ad6faec', '6c44198c4a475817',
].map((hex) => BigInt(`0x${hex}`));

export const IV = {
  sha1: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0],
  sha224: [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4],
  sha256: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  sha384: ['cbbb9d5dc1059ed8', '629a292a367cd507', '9159015a3070dd17', '152fecd8f70e5939',
    '67332667ffc00b31', '8eb44a8768581511', 'db0c2e0d64f98fa7', '47b5481dbefa4fa4'].map((h) => BigInt(`0x${h}`)),
  sha512: ['6a09e667f3bcc908', 'bb67ae8584caa73b', '3c6ef372fe94f82b', 'a54ff53a5f1d36f1',
    '510e527fade682d1', '9b05688c2b3e6c1f', '1f83d9abfb41bd6b', '5be0cd19137e2179'].map((h) => BigInt(`0x${h}`)),
};

/** load state -> loop { message from state; rounds; state += IV } -> store state. */
function iterationLoop(f: FunctionBody, state: number[], type: number, roundsBody: () => void): void {
  const width = type === I32 ? 4 : 8;
  state.forEach((local, i) => (type === I32 ? f.load32(i * width) : f.load64(i * width)).set(local));
  f.emit(Op.loop, 0x40);
  roundsBody();
  f.get(0).i32(1).emit(Op.i32Sub).emit(Op.localTee, 0).emit(Op.brIf, 0).emit(Op.end);
  state.forEach((local, i) => (type === I32 ? f.store32(i * width, local) : f.store64(i * width, local)));
}

function sha1Kernel(): ExportedFunction {
  const f = new FunctionBody(1);
  const h = [0, 1, 2, 3, 4].map(() => f.local(I32));
  const w = Array.from({ length: 16 }, () => f.local(I32));
  const v = [0, 1, 2, 3, 4].map(() => f.local(I32));
  iterationLoop(f, h, I32, () => {
    for (let j = 0; j < 16; j++) (j < 5 ? f.get(h[j]!) : f.i32(j === 5 ? 0x80000000 : j === 15 ? 160 : 0)).set(w[j]!);
    v.forEach((local, i) => f.i32(IV.sha1[i]!).set(local));
    let [a, b, c, d, e] = v as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      if (t >= 16) {
        f.get(w[(t - 3) & 15]!).get(w[(t - 8) & 15]!).emit(Op.i32Xor).get(w[(t - 14) & 15]!).emit(Op.i32Xor)
          .get(w[t & 15]!).emit(Op.i32Xor).i32(1).emit(Op.i32Rotl).set(w[t & 15]!);
      }
      f.get(a).i32(5).emit(Op.i32Rotl);
      if (t < 20) f.get(d).get(b).get(c).get(d).emit(Op.i32Xor, Op.i32And, Op.i32Xor); // Ch
      else if (t >= 40 && t < 60) f.get(b).get(c).emit(Op.i32And).get(d).get(b).get(c).emit(Op.i32Or, Op.i32And, Op.i32Or); // Maj
      else f.get(b).get(c).emit(Op.i32Xor).get(d).emit(Op.i32Xor); // Parity
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      f.emit(Op.i32Add).get(e).emit(Op.i32Add).i32(k).emit(Op.i32Add).get(w[t & 15]!).emit(Op.i32Add).set(e);
      f.get(b).i32(30).emit(Op.i32Rotl).set(b);
      [a, b, c, d, e] = [e, a, b, c, d];
    }
    [a, b, c, d, e].forEach((local, i) => f.i32(IV.sha1[i]!).get(local).emit(Op.i32Add).set(h[i]!));
  });
  return { name: 'sha1', parameters: [I32], body: f };
}

/** SHA-256 (message of 8 words) or SHA-224 (7 words): the same compression, other IV. */
function sha256Kernel(name: 'sha256' | 'sha224'): ExportedFunction {
  const words = name === 'sha256' ? 8 : 7;
  const iv = IV[name];
  const f = new FunctionBody(1);
  const h = Array.from({ length: 8 }, () => f.local(I32));
  const w = Array.from({ length: 16 }, () => f.local(I32));
  const v = Array.from({ length: 8 }, () => f.local(I32));
  const t1 = f.local(I32);
  const sigma = (x: number, r1: number, r2: number, r3: number, shift: boolean) => {
    f.get(x).i32(r1).emit(Op.i32Rotr).get(x).i32(r2).emit(Op.i32Rotr).emit(Op.i32Xor).get(x).i32(r3).emit(shift ? Op.i32ShrU : Op.i32Rotr).emit(Op.i32Xor);
  };
  iterationLoop(f, h, I32, () => {
    for (let j = 0; j < 16; j++) (j < words ? f.get(h[j]!) : f.i32(j === words ? 0x80000000 : j === 15 ? words * 32 : 0)).set(w[j]!);
    v.forEach((local, i) => f.i32(iv[i]!).set(local));
    let [a, b, c, d, e, ff, g, hh] = v as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      if (t >= 16) {
        const x = w[t & 15]!;
        f.get(x);
        sigma(w[(t - 15) & 15]!, 7, 18, 3, true);
        f.emit(Op.i32Add).get(w[(t - 7) & 15]!).emit(Op.i32Add);
        sigma(w[(t - 2) & 15]!, 17, 19, 10, true);
        f.emit(Op.i32Add).set(x);
      }
      f.get(hh);
      sigma(e, 6, 11, 25, false);
      f.emit(Op.i32Add).get(g).get(e).get(ff).get(g).emit(Op.i32Xor, Op.i32And, Op.i32Xor, Op.i32Add);
      f.i32(K256[t]!).emit(Op.i32Add).get(w[t & 15]!).emit(Op.i32Add).set(t1);
      f.get(d).get(t1).emit(Op.i32Add).set(d);
      f.get(t1);
      sigma(a, 2, 13, 22, false);
      f.emit(Op.i32Add).get(a).get(b).emit(Op.i32And).get(c).get(a).get(b).emit(Op.i32Or, Op.i32And, Op.i32Or, Op.i32Add).set(hh);
      [a, b, c, d, e, ff, g, hh] = [hh, a, b, c, d, e, ff, g];
    }
    [a, b, c, d, e, ff, g, hh].forEach((local, i) => f.i32(iv[i]!).get(local).emit(Op.i32Add).set(h[i]!));
  });
  return { name, parameters: [I32], body: f };
}

/** SHA-512 (message of 8 words) or SHA-384 (6 words), on native 64-bit words. */
function sha512Kernel(name: 'sha512' | 'sha384'): ExportedFunction {
  const words = name === 'sha512' ? 8 : 6;
  const iv = IV[name];
  const f = new FunctionBody(1);
  const h = Array.from({ length: 8 }, () => f.local(I64));
  const w = Array.from({ length: 16 }, () => f.local(I64));
  const v = Array.from({ length: 8 }, () => f.local(I64));
  const t1 = f.local(I64);
  const r = (n: number) => f.i64(BigInt(n));
  const sigma = (x: number, r1: number, r2: number, r3: number, shift: boolean) => {
    f.get(x); r(r1); f.emit(Op.i64Rotr).get(x); r(r2); f.emit(Op.i64Rotr, Op.i64Xor).get(x); r(r3); f.emit(shift ? Op.i64ShrU : Op.i64Rotr, Op.i64Xor);
  };
  iterationLoop(f, h, I64, () => {
    for (let j = 0; j < 16; j++) (j < words ? f.get(h[j]!) : f.i64(j === words ? 0x8000000000000000n : j === 15 ? BigInt(words * 64) : 0n)).set(w[j]!);
    v.forEach((local, i) => f.i64(iv[i]!).set(local));
    let [a, b, c, d, e, ff, g, hh] = v as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      if (t >= 16) {
        const x = w[t & 15]!;
        f.get(x);
        sigma(w[(t - 15) & 15]!, 1, 8, 7, true);
        f.emit(Op.i64Add).get(w[(t - 7) & 15]!).emit(Op.i64Add);
        sigma(w[(t - 2) & 15]!, 19, 61, 6, true);
        f.emit(Op.i64Add).set(x);
      }
      f.get(hh);
      sigma(e, 14, 18, 41, false);
      f.emit(Op.i64Add).get(g).get(e).get(ff).get(g).emit(Op.i64Xor, Op.i64And, Op.i64Xor, Op.i64Add);
      f.i64(K512[t]!).emit(Op.i64Add).get(w[t & 15]!).emit(Op.i64Add).set(t1);
      f.get(d).get(t1).emit(Op.i64Add).set(d);
      f.get(t1);
      sigma(a, 28, 34, 39, false);
      f.emit(Op.i64Add).get(a).get(b).emit(Op.i64And).get(c).get(a).get(b).emit(Op.i64Or, Op.i64And, Op.i64Or, Op.i64Add).set(hh);
      [a, b, c, d, e, ff, g, hh] = [hh, a, b, c, d, e, ff, g];
    }
    [a, b, c, d, e, ff, g, hh].forEach((local, i) => f.i64(iv[i]!).get(local).emit(Op.i64Add).set(h[i]!));
  });
  return { name, parameters: [I32], body: f };
}

export function shaKernels(): ExportedFunction[] {
  return [sha1Kernel(), sha256Kernel('sha256'), sha256Kernel('sha224'), sha512Kernel('sha512'), sha512Kernel('sha384')];
}

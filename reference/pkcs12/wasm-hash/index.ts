/**
 * H^n(digest) for SHA-1/224/256/384/512 in WebAssembly: the inner loop of the PKCS#12 KDF,
 * where each round hashes one short digest (one compression block). node:crypto costs a call
 * per round and plain JavaScript has no 64-bit words; compiled once per process, synchronously.
 */
import { shaKernels } from './sha-kernels.js';
import { moduleBytes } from './wasm-writer.js';

export type KernelDigest = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

interface Kernels {
  readonly memory: DataView;
  readonly run: Record<KernelDigest, (rounds: number) => void>;
}

/** Word size (bytes) and words in the state of each digest. */
const LAYOUT: Record<KernelDigest, { width: 4 | 8; stateWords: number }> = {
  sha1: { width: 4, stateWords: 5 },
  sha224: { width: 4, stateWords: 8 },
  sha256: { width: 4, stateWords: 8 },
  sha384: { width: 8, stateWords: 8 },
  sha512: { width: 8, stateWords: 8 },
};

let kernels: Kernels | undefined;

// The project compiles without the DOM library, where the WebAssembly types live.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
};

function load(): Kernels {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(shaKernels())));
  const exports = instance.exports as Record<string, unknown>;
  const memory = exports.memory as { buffer: ArrayBuffer };
  const run = {} as Record<KernelDigest, (rounds: number) => void>;
  for (const name of Object.keys(LAYOUT) as KernelDigest[]) run[name] = exports[name] as (rounds: number) => void;
  return { memory: new DataView(memory.buffer), run };
}

export function isKernelDigest(name: string): name is KernelDigest {
  return name in LAYOUT;
}

/** hash^rounds(digest), where `digest` is already one output of `name` (its full length). */
export function rehash(name: KernelDigest, digest: Buffer, rounds: number): Buffer {
  if (rounds < 1) return digest;
  kernels ??= load();
  const { memory, run } = kernels;
  const { width } = LAYOUT[name];
  const words = digest.length / width;
  // The kernel reads the state in WebAssembly's (little-endian) order; SHA words are big-endian.
  for (let i = 0; i < words; i++) {
    if (width === 4) memory.setInt32(i * 4, digest.readInt32BE(i * 4), true);
    else memory.setBigUint64(i * 8, digest.readBigUInt64BE(i * 8), true);
  }
  run[name](rounds);
  const out = Buffer.allocUnsafe(digest.length);
  for (let i = 0; i < words; i++) {
    if (width === 4) out.writeInt32BE(memory.getInt32(i * 4, true), i * 4);
    else out.writeBigUInt64BE(memory.getBigUint64(i * 8, true), i * 8);
  }
  return out;
}

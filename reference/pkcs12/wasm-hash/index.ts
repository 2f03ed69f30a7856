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

let bytes: Uint8Array | undefined;

/** The module's bytes (for a helper thread that instantiates its own copy). */
export function kernelModuleBytes(): Uint8Array {
  return (bytes ??= moduleBytes(shaKernels()));
}

function load(): Kernels {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(kernelModuleBytes()));
  const exports = instance.exports as Record<string, unknown>;
  const memory = exports.memory as { buffer: ArrayBuffer };
  const run = {} as Record<KernelDigest, (rounds: number) => void>;
  for (const name of Object.keys(LAYOUT) as KernelDigest[]) run[name] = exports[name] as (rounds: number) => void;
  return { memory: new DataView(memory.buffer), run };
}

export function isKernelDigest(name: string): name is KernelDigest {
  return name in LAYOUT;
}

/** A digest as the kernel's state: its words in WebAssembly's (little-endian) order; SHA words are big-endian. */
export function toKernelState(name: KernelDigest, digest: Buffer): Uint8Array {
  const width = LAYOUT[name].width;
  const state = Buffer.allocUnsafe(digest.length);
  for (let i = 0; i < digest.length; i += width) {
    if (width === 4) state.writeInt32LE(digest.readInt32BE(i), i);
    else state.writeBigUInt64LE(digest.readBigUInt64BE(i), i);
  }
  return state;
}

/** The inverse of toKernelState. */
export function fromKernelState(name: KernelDigest, state: Uint8Array): Buffer {
  const width = LAYOUT[name].width;
  const words = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
  const out = Buffer.allocUnsafe(state.byteLength);
  for (let i = 0; i < out.length; i += width) {
    if (width === 4) out.writeInt32BE(words.readInt32LE(i), i);
    else out.writeBigUInt64BE(words.readBigUInt64LE(i), i);
  }
  return out;
}

/** hash^rounds(digest), where `digest` is already one output of `name` (its full length). */
export function rehash(name: KernelDigest, digest: Buffer, rounds: number): Buffer {
  if (rounds < 1) return digest;
  kernels ??= load();
  const { memory, run } = kernels;
  const state = toKernelState(name, digest);
  const slot = new Uint8Array(memory.buffer, memory.byteOffset, state.length);
  slot.set(state);
  run[name](rounds);
  const out = fromKernelState(name, slot);
  slot.fill(0); // password-derived: not left in the module's memory
  return out;
}

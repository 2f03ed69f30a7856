/**
 * rehash() on a helper thread, for the one long derivation that nothing else depends on: the
 * MAC key. The caller starts it, decrypts the rest of the file meanwhile (node:crypto's PBKDF2
 * on this thread), and then waits for it: decodePkcs12 stays synchronous, and a file whose
 * SHA-256 MAC takes 600,000 rounds costs about the longer of the two instead of their sum.
 * One thread per process, started on first use, never keeping the process alive; whenever it
 * cannot help (not started, failed, too slow to answer) the work is done here instead.
 */
import { Worker } from 'node:worker_threads';
import { fromKernelState, kernelModuleBytes, rehash, toKernelState, type KernelDigest } from './index.js';

/** Fewer rounds than this (under 0.5 ms) are done inline: a hand-off costs about 0.1 ms. */
export const BACKGROUND_MIN_ROUNDS = 5_000;
/** Longest wait for the helper before the work is done here (a machine under heavy load). */
const WAIT_LIMIT_MS = 60_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const instance = new WebAssembly.Instance(new WebAssembly.Module(workerData.wasm));
const flag = new Int32Array(workerData.shared, 0, 1);
const out = new Uint8Array(workerData.shared, 8);
parentPort.on('message', ({ name, state, rounds }) => {
  const memory = new Uint8Array(instance.exports.memory.buffer);
  memory.set(state, 0);
  instance.exports[name](rounds);
  out.set(new Uint8Array(instance.exports.memory.buffer, 0, state.length));
  memory.fill(0, 0, state.length); // password-derived: not left behind
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

interface Helper {
  readonly worker: Worker;
  readonly flag: Int32Array;
  readonly out: Uint8Array;
  broken: boolean;
  /** A job whose answer has not been read yet: the next one runs inline rather than share the slot. */
  busy: boolean;
}

let helper: Helper | undefined;

function startHelper(): Helper | undefined {
  if (helper) return helper.broken ? undefined : helper;
  try {
    const shared = new SharedArrayBuffer(8 + 64);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { wasm: kernelModuleBytes(), shared } });
    worker.unref();
    helper = { worker, flag: new Int32Array(shared, 0, 1), out: new Uint8Array(shared, 8), broken: false, busy: false };
    const started = helper;
    worker.on('error', () => { started.broken = true; });
    worker.on('exit', () => { started.broken = true; });
    return helper;
  } catch {
    return undefined;
  }
}

/** A rehash under way; result() blocks until it is done. */
export interface PendingRehash {
  result(): Buffer;
}

export function rehashInBackground(name: KernelDigest, digest: Buffer, rounds: number): PendingRehash {
  const inline = (): PendingRehash => {
    let value: Buffer | undefined;
    return { result: () => (value ??= rehash(name, digest, rounds)) };
  };
  if (rounds < BACKGROUND_MIN_ROUNDS) return inline();
  const running = startHelper();
  if (!running || running.busy) return inline();
  running.busy = true;
  Atomics.store(running.flag, 0, 0);
  running.worker.postMessage({ name, state: toKernelState(name, digest), rounds });
  let value: Buffer | undefined;
  return {
    result: () => {
      if (value) return value;
      const answer = Atomics.wait(running.flag, 0, 0, WAIT_LIMIT_MS);
      if (answer === 'timed-out' || running.broken) {
        running.broken = true; // its late answer must not be read as a later call's
        return (value = rehash(name, digest, rounds));
      }
      value = fromKernelState(name, Buffer.from(running.out.subarray(0, digest.length)));
      running.out.fill(0);
      running.busy = false;
      return value;
    },
  };
}

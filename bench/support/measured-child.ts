/**
 * Runs a TypeScript worker in its own process group while sampling the memory of its whole
 * process tree. On timeout the group (the worker and whatever it started) is killed, so a
 * hung run leaves nothing behind.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ProcessTreeSampler, treeSamplingAvailable, type TreeMemoryPeak } from './process-tree-memory.js';

export interface MeasuredChild {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** Processes of the worker's group still alive after it exited (then killed). */
  readonly leftovers: boolean;
  readonly stdout: string;
  /** The last lines the worker wrote on stderr. */
  readonly stderrTail: string;
  readonly wallMs: number;
  /** null where /proc is missing. */
  readonly peak: TreeMemoryPeak | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const KEEP = 256 * 1024;
const keepTail = (text: string) => (text.length > KEEP ? text.slice(-KEEP) : text);

export async function runMeasuredChild(worker: string, args: readonly string[], timeoutMs: number): Promise<MeasuredChild> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = treeSamplingAvailable() && child.pid ? new ProcessTreeSampler(child.pid).start() : null;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout = keepTail(stdout + chunk.toString()); });
  child.stderr.on('data', (chunk: Buffer) => { stderr = keepTail(stderr + chunk.toString()); });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
  }, timeoutMs);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c, s) => resolve([c, s]));
  }).finally(() => clearTimeout(timer));
  // A descendant still holding the pipes after the worker exited is a leftover: end it.
  const leftovers = !(await Promise.race([closed.then(() => true), sleep(2_000).then(() => false)]));
  if (leftovers) {
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    await closed;
  }
  const peak = sampler ? await sampler.stop() : null;
  return {
    code, signal, timedOut, leftovers, stdout, stderrTail: stderr.trim().split('\n').slice(-15).join('\n'),
    wallMs: performance.now() - started, peak,
  };
}

/**
 * Section 3, hostile inputs: each case of reference/pkcs12/testing/hostile-inputs.ts in its own
 * process (the faster of two runs each in full runs), through decodePkcs12 and through Node's native
 * tls.createSecureContext({ pfx }); time and peak RSS of each, their ratios (target <= 2) and
 * the absolute figures (targets 2 s, 1 GB).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Figure } from '../../report.js';
import { verdictOf } from '../../report.js';

const exec = promisify(execFile);
const single = (value: number) => ({ median: value, p25: value, p75: value, n: 1 });
/** Below this on both sides a time ratio is process noise, not a verdict. */
const TIME_FLOOR_MS = 20;

interface Run { code: string | null; ms: number; peakRssMb: number; runtime?: { loaded: boolean; code: string | null } }

async function runCase(runner: string, id: string, side: 'reference' | 'native'): Promise<Run> {
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', runner, id, side], { timeout: 300_000, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Run;
}

/** The faster of `runs` runs per side, sides alternating (reference, native, native, reference...). */
async function bestOf(runner: string, id: string, runs: number): Promise<{ reference: Run; native: Run }> {
  let reference: Run | undefined;
  let native: Run | undefined;
  const better = (a: Run | undefined, b: Run) => (a && a.ms <= b.ms ? a : b);
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 === 0 ? (['reference', 'native'] as const) : (['native', 'reference'] as const)) {
      const run = await runCase(runner, id, side);
      if (side === 'reference') reference = better(reference, run);
      else native = better(native, run);
    }
  }
  return { reference: reference!, native: native! };
}

export async function hostileRows(runs: number): Promise<Figure[]> {
  const runner = fileURLToPath(new URL('../../../reference/pkcs12/testing/hostile-run.ts', import.meta.url));
  const { HOSTILE_CASES } = await import('../../../reference/pkcs12/testing/hostile-inputs.js');
  const figures: Figure[] = [];
  for (const hostile of HOSTILE_CASES) {
    const { reference, native } = await bestOf(runner, hostile.id, runs);
    const expected = reference.code === hostile.code ? '' : ` (expected ${hostile.code}!)`;
    const note = `reference ${reference.code ?? 'loaded'}${expected}; native ${native.code ?? 'loaded'}`;
    const timeRatio = reference.ms / native.ms;
    const timed = reference.ms >= TIME_FLOOR_MS || native.ms >= TIME_FLOOR_MS;
    figures.push({
      name: `hostile ${hostile.id}: time / native`, unit: 'ratio', value: single(timeRatio), baseline: 'tls.createSecureContext({ pfx }), own process',
      candidateMs: single(reference.ms), baselineMs: single(native.ms), ...(timed ? { target: 2 } : {}),
      verdict: timed ? verdictOf(timeRatio, 2) : 'INFO', note: timed ? note : `${note}; both under ${TIME_FLOOR_MS} ms`,
    });
    const rssRatio = reference.peakRssMb / native.peakRssMb;
    figures.push({
      name: `hostile ${hostile.id}: peak RSS / native`, unit: 'ratio', value: single(rssRatio), baseline: 'native, own process',
      target: 2, verdict: verdictOf(rssRatio, 2), note: `${reference.peakRssMb.toFixed(0)} vs ${native.peakRssMb.toFixed(0)} MB`,
    });
    figures.push({ name: `hostile ${hostile.id}: reference time`, unit: 'ms', value: single(reference.ms), target: 2000, verdict: verdictOf(reference.ms, 2000) });
    figures.push({ name: `hostile ${hostile.id}: reference peak RSS`, unit: 'MB', value: single(reference.peakRssMb), target: 1024, verdict: verdictOf(reference.peakRssMb, 1024) });
  }
  return figures;
}

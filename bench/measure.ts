/**
 * Paired measurement: in each round the baseline and the candidate run the same batch, in
 * alternating order, so drift on a busy machine hits both; the ratio is taken per round.
 */
import { performance } from 'node:perf_hooks';
import { spread, type Spread } from './stats.js';
import { verdictOf, type Figure } from './report.js';

export interface PairedOptions {
  readonly rounds: number;
  /** Operations per side per round. */
  readonly batch: number;
  readonly warmup?: number;
  readonly baseline: () => Promise<unknown> | unknown;
  readonly candidate: () => Promise<unknown> | unknown;
}

export interface Paired {
  readonly ratio: Spread;
  readonly baselineMs: Spread;
  readonly candidateMs: Spread;
  /**
   * This process's CPU time, candidate over baseline, per round (paired() and interleaved()):
   * the client's own work, which other processes' load moves far less than wall time.
   */
  readonly cpuRatio?: Spread;
}

/** Milliseconds per operation over one batch. */
export async function timeBatch(batch: number, operation: () => Promise<unknown> | unknown): Promise<number> {
  return (await timeAndCpuBatch(batch, operation)).ms;
}

/** Wall and process CPU milliseconds per operation over one batch. */
async function timeAndCpuBatch(batch: number, operation: () => Promise<unknown> | unknown): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < batch; i++) await operation();
  const ms = (performance.now() - started) / batch;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 / batch };
}

/** One round's cost per operation of each side; cpuMs only where the side's CPU time is known. */
interface RoundSample {
  readonly baseline: { readonly ms: number; readonly cpuMs?: number };
  readonly candidate: { readonly ms: number; readonly cpuMs?: number };
}

async function warmUp(times: number, baseline: () => unknown, candidate: () => unknown): Promise<void> {
  for (let i = 0; i < times; i++) {
    await baseline();
    await candidate();
  }
}

/** Runs the rounds and takes the ratio per round (the CPU ratio when every round has CPU times). */
async function collectRounds(rounds: number, measure: (round: number) => Promise<RoundSample>): Promise<Paired> {
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const base: number[] = [];
  const cand: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const { baseline: b, candidate: c } = await measure(round);
    base.push(b.ms);
    cand.push(c.ms);
    ratios.push(c.ms / b.ms);
    if (b.cpuMs !== undefined && c.cpuMs !== undefined) cpuRatios.push(c.cpuMs / b.cpuMs);
  }
  const result = { ratio: spread(ratios), baselineMs: spread(base), candidateMs: spread(cand) };
  return cpuRatios.length === rounds && rounds > 0 ? { ...result, cpuRatio: spread(cpuRatios) } : result;
}

export async function paired(options: PairedOptions): Promise<Paired> {
  await warmUp(options.warmup ?? 2, options.baseline, options.candidate);
  return collectRounds(options.rounds, async (round) => {
    // Who goes first alternates per round.
    if (round % 2 === 0) {
      const baseline = await timeAndCpuBatch(options.batch, options.baseline);
      return { baseline, candidate: await timeAndCpuBatch(options.batch, options.candidate) };
    }
    const candidate = await timeAndCpuBatch(options.batch, options.candidate);
    return { baseline: await timeAndCpuBatch(options.batch, options.baseline), candidate };
  });
}

export interface InterleavedOptions {
  readonly rounds: number;
  /** Operations per side per round, the sides taking turns one operation at a time. */
  readonly perRound: number;
  /** Operations per side before measuring, also taking turns. */
  readonly warmup: number;
  readonly baseline: () => Promise<unknown> | unknown;
  readonly candidate: () => Promise<unknown> | unknown;
}

/**
 * For operations much shorter than a scheduler slice (a kept-alive request: about 0.2 ms). The
 * sides take turns one operation at a time (who goes first alternates), so another process's
 * burst or a slower spell of the machine falls on both; each round's ratio is the candidate's
 * median operation over the baseline's, in wall time and in this process's CPU time, so the
 * one operation that a descheduling, a GC pause or a server's reconnect lands on moves neither.
 * Batches of a few dozen operations (paired()) gave per-round ratios of 0.5-2 at a load above
 * the core count, and medians that changed verdict from run to run.
 */
export async function interleaved(options: InterleavedOptions): Promise<Paired> {
  const sides = [options.baseline, options.candidate] as const;
  await warmUp(options.warmup, options.baseline, options.candidate);
  return collectRounds(options.rounds, async () => {
    const wall: [number[], number[]] = [[], []];
    const cpu: [number[], number[]] = [[], []];
    for (let i = 0; i < options.perRound; i++) {
      for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) {
        const { ms, cpuMs } = await timeAndCpuBatch(1, sides[side]!);
        wall[side]!.push(ms);
        cpu[side]!.push(cpuMs);
      }
    }
    const median = (side: 0 | 1) => ({ ms: spread(wall[side]).median, cpuMs: spread(cpu[side]).median });
    return { baseline: median(0), candidate: median(1) };
  });
}

/** Like paired(), for sides that time themselves (ms per operation), e.g. to leave set-up out. */
export async function pairedTimed(rounds: number, baseline: () => Promise<number>, candidate: () => Promise<number>): Promise<Paired> {
  await warmUp(1, baseline, candidate);
  return collectRounds(rounds, async (round) => {
    if (round % 2 === 0) {
      const b = await baseline();
      return { baseline: { ms: b }, candidate: { ms: await candidate() } };
    }
    const c = await candidate();
    return { baseline: { ms: await baseline() }, candidate: { ms: c } };
  });
}

export function ratioFigure(name: string, baseline: string, result: Paired, target?: number, note?: string): Figure {
  return {
    name, unit: 'ratio', value: result.ratio, baseline, candidateMs: result.candidateMs, baselineMs: result.baselineMs,
    ...(target !== undefined ? { target } : {}), verdict: verdictOf(result.ratio.median, target), ...(note ? { note } : {}),
  };
}

export function msFigure(name: string, values: readonly number[], note?: string): Figure {
  return { name, unit: 'ms', value: spread(values), verdict: 'INFO', ...(note ? { note } : {}) };
}

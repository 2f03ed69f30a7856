/** The shape of reports/bench.json (version 1). */
import type { Spread } from './stats.js';
import { BenchError } from '../support/errors/index.js';

export type Verdict = 'PASS' | 'MISS' | 'INFO';

export interface Figure {
  /** What is measured, e.g. "reference / raw https, fresh handshake". */
  readonly name: string;
  readonly unit: 'ratio' | 'ms' | 'MB' | 'count';
  readonly value: Spread;
  /** For ratios: what the denominator is, and both sides in ms per operation. */
  readonly baseline?: string;
  readonly candidateMs?: Spread;
  readonly baselineMs?: Spread;
  /** The figure must be at most this (median). */
  readonly target?: number;
  readonly verdict: Verdict;
  readonly note?: string;
}

export interface SectionResult {
  readonly id: string;
  readonly title: string;
  readonly status: 'ok' | 'not-available';
  /** Why the section could not run. */
  readonly reason?: string;
  readonly figures: readonly Figure[];
  readonly durationMs: number;
  /**
   * The machine's 1-minute load average when the section started and ended (os.loadavg): on a
   * shared machine, a figure taken at a load above the core count says more about the load.
   */
  readonly load?: { readonly start: number; readonly end: number };
}

export interface BenchReport {
  readonly version: 1;
  readonly startedAt: string;
  readonly quick: boolean;
  readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
  readonly sections: readonly SectionResult[];
  readonly summary: { readonly pass: number; readonly miss: number; readonly notAvailable: number };
}

export function verdictOf(median: number, target: number | undefined): Verdict {
  if (target === undefined) return 'INFO';
  return median <= target ? 'PASS' : 'MISS';
}

/** A section that cannot run says why instead of failing the whole bench. */
export class NotAvailableError extends BenchError {
  readonly code = 'BENCH_NOT_AVAILABLE';
  constructor(reason: string) {
    super(reason);
  }
}

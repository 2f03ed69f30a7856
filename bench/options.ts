/** Command line: --quick, --only <id|number>[,...] (repeatable), --out <path>, --devices <n>[,...], --latency-ms <n>, --session-ms <n>. */
import type { BenchSection } from './sections/types.js';
import { DEFAULT_LATENCY_MS, DEFAULT_SESSION_MS } from './support/protocol-baseline.js';
import { BenchError } from '../support/errors/index.js';

export interface BenchCommandLine {
  readonly quick: boolean;
  readonly only: readonly string[];
  readonly out: string;
  /** Device counts of section 5; 1 (the baseline) is always first. */
  readonly devices: readonly number[];
  /** Section 7's projection: ms per Appium request on an emulator (default 150) and per session start (default 8000). */
  readonly latencyMs: number;
  readonly sessionMs: number;
}

export const DEFAULT_DEVICE_COUNTS: readonly number[] = [1, 2, 4];

export class BenchUsageError extends BenchError {
  readonly code = 'BENCH_USAGE';
  constructor(message = 'usage: npm run bench -- [--quick] [--only <section>[,<section>]] [--out <file.json>] [--devices <n>[,<n>]] [--latency-ms <n>] [--session-ms <n>]') {
    super(message);
  }
}

export function parseBenchArguments(argv: readonly string[], defaultOut: string): BenchCommandLine {
  let quick = false;
  const only: string[] = [];
  let out = defaultOut;
  let devices = DEFAULT_DEVICE_COUNTS;
  let latencyMs = DEFAULT_LATENCY_MS;
  let sessionMs = DEFAULT_SESSION_MS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new BenchUsageError(`${name} needs a value`);
      return v;
    };
    if (name === '--quick') quick = true;
    else if (name === '--only' || name === '--section') only.push(...value().split(',').filter(Boolean));
    else if (name === '--out') out = value();
    else if (name === '--devices') devices = deviceCounts(value());
    else if (name === '--latency-ms') latencyMs = milliseconds(name, value());
    else if (name === '--session-ms') sessionMs = milliseconds(name, value());
    else throw new BenchUsageError(`unknown option ${arg}`);
  }
  return { quick, only, out, devices, latencyMs, sessionMs };
}

function milliseconds(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 600_000) throw new BenchUsageError(`${name} takes milliseconds from 0 to 600000 (got ${text})`);
  return value;
}

function deviceCounts(text: string): number[] {
  const counts = text.split(',').filter(Boolean).map(Number);
  if (counts.length === 0 || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 16)) {
    throw new BenchUsageError(`--devices takes device counts from 1 to 16, e.g. 1,2,4 (got ${text})`);
  }
  return [...new Set([1, ...counts])].sort((a, b) => a - b);
}

export function selectSections(all: readonly BenchSection[], only: readonly string[]): BenchSection[] {
  if (only.length === 0) return [...all];
  return only.map((wanted) => {
    const found = all.find((s) => s.id === wanted || String(s.number) === wanted);
    if (!found) throw new BenchUsageError(`unknown section ${wanted} (one of ${all.map((s) => `${s.number}/${s.id}`).join(', ')})`);
    return found;
  });
}

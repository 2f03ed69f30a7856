/**
 * 6. Memory: 1,000 loads of the same file in one runtime must not grow the heap (each load
 * replaces the previous generation): after-GC memory at 100 vs 1,000 loads, in a child
 * process; and the peak RSS of this bench process and of that child.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchContext } from '../context.js';
import { NotAvailableError, verdictOf, type Figure } from '../report.js';
import type { BenchSection } from './types.js';

const exec = promisify(execFile);
const GROWTH_TARGET = 1.1;
const MB = 1024 * 1024;

interface Snapshot { rss: number; heapUsed: number; external: number; arrayBuffers: number }

const single = (value: number) => ({ median: value, p25: value, p75: value, n: 1 });

export const memorySection: BenchSection = {
  id: 'memory',
  number: 6,
  title: 'Memory: repeated loads, peak RSS',
  async run(context: BenchContext): Promise<Figure[]> {
    const pki = await context.pki();
    const bundle = pki.bundle('rsa-a+ec-b.modern');
    const [first, second] = context.quick ? [20, 200] : [100, 1000];
    const worker = fileURLToPath(new URL('../workers/load-memory.ts', import.meta.url));
    let output: string;
    try {
      ({ stdout: output } = await exec(process.execPath, ['--expose-gc', '--import', 'tsx', worker, bundle.path, String(first), String(second)], {
        env: { ...process.env, BENCH_P12_PASS: bundle.password }, timeout: 300_000, maxBuffer: 1024 * 1024,
      }));
    } catch (error) {
      throw new NotAvailableError(`the load worker failed: ${String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').slice(-1)[0]}`);
    }
    const { checkpoints, maxRssKb } = JSON.parse(output.trim().split('\n').pop()!) as { checkpoints: Record<string, Snapshot>; maxRssKb: number };
    const a = checkpoints[String(first)]!;
    const b = checkpoints[String(second)]!;
    const heapA = a.heapUsed + a.external;
    const heapB = b.heapUsed + b.external;
    const growth = heapB / heapA;
    const rssGrowth = b.rss / a.rss;
    return [
      {
        name: `heap+external after GC, ${second} / ${first} loads of ${bundle.name}`, unit: 'ratio', value: single(growth),
        baseline: `after ${first} loads`, target: GROWTH_TARGET, verdict: verdictOf(growth, GROWTH_TARGET),
        note: `${(heapA / MB).toFixed(1)} MB -> ${(heapB / MB).toFixed(1)} MB`,
      },
      {
        name: `RSS after GC, ${second} / ${first} loads`, unit: 'ratio', value: single(rssGrowth), baseline: `after ${first} loads`,
        verdict: 'INFO', note: `${(a.rss / MB).toFixed(1)} MB -> ${(b.rss / MB).toFixed(1)} MB`,
      },
      { name: `peak RSS of the load worker (${second} loads)`, unit: 'MB', value: single(maxRssKb / 1024), verdict: 'INFO' },
      { name: 'peak RSS of this bench run so far', unit: 'MB', value: single(process.resourceUsage().maxRSS / 1024), verdict: 'INFO' },
    ];
  },
};

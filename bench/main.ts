/**
 * npm run bench [-- --quick] [--only requests,3] [--out file.json] [--devices 1,2,4] [--latency-ms 150] [--session-ms 8000]: every figure is a ratio
 * against a baseline measured in the same run (median and p25-p75 over rounds), with its
 * target and PASS/MISS. Writes reports/bench.json. A section that cannot run says why.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BenchContext } from './context.js';
import { formatTable } from './format-table.js';
import { BenchUsageError, parseBenchArguments, selectSections } from './options.js';
import { NotAvailableError, type BenchReport, type SectionResult } from './report.js';
import { SECTIONS } from './sections/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function runBench(argv: readonly string[], log: (line: string) => void = console.log): Promise<BenchReport> {
  const options = parseBenchArguments(argv, resolve(root, 'reports', 'bench.json'));
  const sections = selectSections(SECTIONS, options.only);
  const context = new BenchContext({ quick: options.quick, devices: options.devices, latencyMs: options.latencyMs, sessionMs: options.sessionMs });
  const results: SectionResult[] = [];
  const startedAt = new Date().toISOString();
  try {
    for (const section of sections) {
      log(`- ${section.number}. ${section.title} ...`);
      const started = performance.now();
      const loadAtStart = loadavg()[0]!;
      const timing = () => ({ durationMs: performance.now() - started, load: { start: loadAtStart, end: loadavg()[0]! } });
      try {
        const figures = await section.run(context);
        results.push({ id: section.id, title: `${section.number}. ${section.title}`, status: 'ok', figures, ...timing() });
      } catch (error) {
        // Not only NotAvailableError: a broken piece must not take the other sections down.
        const reason = error instanceof NotAvailableError ? error.message : `${(error as Error).name}: ${(error as Error).message.split('\n')[0]}`;
        results.push({ id: section.id, title: `${section.number}. ${section.title}`, status: 'not-available', reason, figures: [], ...timing() });
      }
    }
  } finally {
    await context.dispose();
  }
  const figures = results.flatMap((r) => r.figures);
  const report: BenchReport = {
    version: 1,
    startedAt,
    quick: options.quick,
    environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length },
    sections: results,
    summary: {
      pass: figures.filter((f) => f.verdict === 'PASS').length,
      miss: figures.filter((f) => f.verdict === 'MISS').length,
      notAvailable: results.filter((r) => r.status === 'not-available').length,
    },
  };
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  log(formatTable(report));
  log(`\nwritten: ${options.out}`);
  return report;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBench(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof BenchUsageError ? error.message : error);
    process.exitCode = error instanceof BenchUsageError ? 2 : 1;
  });
}

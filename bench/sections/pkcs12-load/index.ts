/**
 * 3. PKCS#12 load: decodePkcs12 against Node's native tls.createSecureContext({ pfx }) on each
 * file of a corpus the interop producers make at bench time (best of N each, in a child with
 * --openssl-legacy-provider so native reads RC2 files too; target <= 1.5 for a file whose KDF
 * runs have at most 10,000 iterations, <= 4 for any other), node-forge
 * on the 600,000-iteration files (full runs), then the hostile inputs (hostile-rows.ts).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchContext } from '../../context.js';
import { importOr } from '../../context.js';
import { verdictOf, type Figure } from '../../report.js';
import { spread } from '../../stats.js';
import type { LoadTimes } from '../../workers/pkcs12-load.js';
import type { BenchSection } from '../types.js';
import { makeCorpusFiles } from './corpus-files.js';
import { hostileRows } from './hostile-rows.js';

const exec = promisify(execFile);
/** Files whose KDF runs have at most FEW_ITERATIONS iterations; any other file (docs/benchmarks.md). */
const FEW_ITERATIONS = 10_000;
const TARGET_FEW_ITERATIONS = 1.5;
const TARGET_ANY = 4;
const single = (value: number) => ({ median: value, p25: value, p75: value, n: 1 });

function fileFigure(times: LoadTimes): Figure {
  if (times.decodeError || times.nativeError) {
    return {
      name: `decodePkcs12 / native pfx, ${times.label}`, unit: 'ratio', value: single(Number.NaN), verdict: 'INFO',
      note: [times.decodeError && `reference: ${times.decodeError}`, times.nativeError && `native: ${times.nativeError}`].filter(Boolean).join('; '),
    };
  }
  const best = Math.min(...times.decodeMs) / Math.min(...times.nativeMs);
  const target = times.fewIterations ? TARGET_FEW_ITERATIONS : TARGET_ANY;
  return {
    name: `decodePkcs12 / native pfx, ${times.label}`, unit: 'ratio', value: single(best), baseline: 'tls.createSecureContext({ pfx }), best of each',
    candidateMs: spread(times.decodeMs), baselineMs: spread(times.nativeMs), target, verdict: verdictOf(best, target),
    note: `${times.fewIterations ? `<= ${FEW_ITERATIONS.toLocaleString('en')}` : `> ${FEW_ITERATIONS.toLocaleString('en')}`} iterations; best ${Math.min(...times.decodeMs).toFixed(1)} vs ${Math.min(...times.nativeMs).toFixed(1)} ms; CPU ${(Math.min(...times.decodeCpuMs) / Math.min(...times.nativeCpuMs)).toFixed(2)}x`
      + `${times.identities > 1 ? `; ${times.identities} identities (native: the first only)` : ''}`,
  };
}

export const pkcs12LoadSection: BenchSection = {
  id: 'pkcs12-load',
  number: 3,
  title: 'PKCS#12 load (decodePkcs12 vs native pfx per producer file; hostile inputs)',
  async run(context: BenchContext): Promise<Figure[]> {
    const corpus = await makeCorpusFiles(context);
    const manifest = join(await context.dir(), 'load-manifest.json');
    await writeFile(manifest, JSON.stringify(corpus.entries), { mode: 0o600 });
    const worker = fileURLToPath(new URL('../../workers/pkcs12-load.ts', import.meta.url));
    const { stdout } = await exec(process.execPath, ['--openssl-legacy-provider', '--import', 'tsx', worker, manifest, String(context.n(3, 5)), String(FEW_ITERATIONS)],
      { timeout: 900_000, maxBuffer: 1 << 22 });
    const figures = stdout.trim().split('\n').map((line) => fileFigure(JSON.parse(line) as LoadTimes));
    if (corpus.missing.length > 0) figures.push({ name: 'files left out', unit: 'ms', value: single(Number.NaN), verdict: 'INFO', note: corpus.missing.join('; ') });
    if (!context.quick) figures.push(...(await forgeRows(corpus.entries.filter((e) => /600,000/.test(e.label)).slice(0, 2))));
    figures.push(...(await hostileRows(context.n(1, 2))));
    return figures;
  },
};

/** node-forge, one decode each, against the reference on the same file (docs/decisions.md). */
async function forgeRows(entries: readonly { label: string; path: string; password: string }[]): Promise<Figure[]> {
  const { forgeView } = await importOr<typeof import('../../../interop/check/forge-view.js')>('interop/check/forge-view.js', 'node-forge');
  const { decodePkcs12 } = await import('../../../reference/pkcs12/index.js');
  const { readFile } = await import('node:fs/promises');
  const figures: Figure[] = [];
  for (const entry of entries) {
    const bytes = await readFile(entry.path);
    const started = performance.now();
    decodePkcs12(bytes, entry.password);
    const referenceMs = performance.now() - started;
    const forge = forgeView(bytes, entry.password);
    figures.push({
      name: `node-forge / decodePkcs12, ${entry.label}`, unit: 'ratio', value: single(forge.ms / referenceMs), baseline: 'decodePkcs12, one decode',
      candidateMs: single(forge.ms), baselineMs: single(referenceMs), verdict: 'INFO', note: forge.ok ? 'why forge is not the decoder' : `forge: ${forge.error}`,
    });
  }
  return figures;
}

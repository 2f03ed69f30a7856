import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import type { BenchReport } from './report.js';
import { BenchUsageError, parseBenchArguments, selectSections } from './options.js';
import { SECTIONS } from './sections/index.js';

const exec = promisify(execFile);
const main = fileURLToPath(new URL('./main.ts', import.meta.url));

// Shape only: timings are never asserted (DEVELOPERS.md: targets live in the bench output).
test('npm run bench -- --quick --only memory,conformance-run writes a well-formed report', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-bench-test-'));
  try {
    const out = join(dir, 'bench.json');
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', main, '--quick', '--only', 'memory,conformance-run', '--out', out], { timeout: 120_000 });
    assert.match(stdout, /Memory/);
    const report = JSON.parse(await readFile(out, 'utf8')) as BenchReport;
    assert.equal(report.version, 1);
    assert.equal(report.quick, true);
    assert.deepEqual(report.sections.map((s) => s.id), ['memory', 'conformance-run']);
    const [memory, conformance] = report.sections;
    assert.equal(memory!.status, 'ok', memory!.reason);
    assert.ok(memory!.figures.length >= 2);
    for (const figure of memory!.figures) {
      assert.ok(['ratio', 'ms', 'MB'].includes(figure.unit));
      assert.ok(['PASS', 'MISS', 'INFO'].includes(figure.verdict));
      for (const key of ['median', 'p25', 'p75', 'n'] as const) assert.equal(typeof figure.value[key], 'number');
      if (figure.target !== undefined) assert.notEqual(figure.verdict, 'INFO');
    }
    // A missing piece is a reason, never a crash.
    if (conformance!.status === 'not-available') assert.ok(conformance!.reason && conformance!.reason.length > 0);
    assert.equal(report.summary.notAvailable, report.sections.filter((s) => s.status === 'not-available').length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('options: --quick, --only by id or number, unknown names refused', () => {
  const parsed = parseBenchArguments(['--quick', '--only=1,pkcs12-load', '--out', 'x.json'], 'default.json');
  assert.deepEqual(parsed, { quick: true, only: ['1', 'pkcs12-load'], out: 'x.json' });
  assert.deepEqual(selectSections(SECTIONS, parsed.only).map((s) => s.id), ['requests', 'pkcs12-load']);
  assert.equal(selectSections(SECTIONS, []).length, 6);
  assert.throws(() => selectSections(SECTIONS, ['nope']), BenchUsageError);
  assert.throws(() => parseBenchArguments(['--fast'], 'd'), BenchUsageError);
});

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
test('npm run bench -- --quick --only memory,conformance-run --devices 1 writes a well-formed report', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-bench-test-'));
  try {
    const out = join(dir, 'bench.json');
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', main, '--quick', '--only', 'memory,conformance-run', '--devices', '1', '--out', out], { timeout: 240_000 });
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
    // The harness exposes stage timings and the reference devices run here: section 5 must run.
    assert.equal(conformance!.status, 'ok', conformance!.reason);
    const byName = new Map(conformance!.figures.map((f) => [f.name, f]));
    const stages = conformance!.figures.filter((f) => f.name.startsWith('1 device: ') && f.unit === 'ms');
    assert.ok(stages.length >= 7, stages.map((f) => f.name).join('\n'));
    for (const figure of stages) assert.ok(Number.isFinite(figure.value.median) && figure.value.median >= 0, figure.name);
    const whole = byName.get('1 device: whole run (runConformance)');
    assert.ok(whole, [...byName.keys()].join('\n'));
    assert.match(whole.note ?? '', /\b0 unexpected\b/, 'the reference conforms on the quick subset');
    // Consistency, not speed: the stages that do not overlap fit inside the whole run.
    const part = (prefix: string) => stages.find((f) => f.name.startsWith(`1 device: ${prefix}`))!.value.median;
    const parts = ['test PKI', 'embedded server fleet', 'local Appium', 'specs', 'reports', 'teardown'].map(part);
    assert.ok(parts.reduce((a, b) => a + b, 0) <= whole.value.median, `${parts.join('+')} > ${whole.value.median}`);
    const memory1 = byName.get("1 device: peak RSS of the run's process tree");
    assert.ok(memory1 && memory1.unit === 'MB', 'the run reports its peak memory');
    // Only --devices 1 was asked for: no scaling figures.
    assert.equal(conformance!.figures.filter((f) => f.unit === 'ratio').length, 0);
    assert.equal(report.summary.notAvailable, report.sections.filter((s) => s.status === 'not-available').length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// Runs for real: the section checks that both servers answer on the asked version and that the
// embedded one recorded the CertificateRequest it sent, so "ok" means the four rows were measured.
test('--quick --only handshake-recording: four targeted ratio rows and four INFO rows, TLS 1.2 and 1.3, with and without client auth', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-bench-test-'));
  try {
    const out = join(dir, 'bench.json');
    await exec(process.execPath, ['--import', 'tsx', main, '--quick', '--only', 'handshake-recording', '--out', out], { timeout: 120_000 });
    const report = JSON.parse(await readFile(out, 'utf8')) as BenchReport;
    const [section] = report.sections;
    assert.equal(section!.id, 'handshake-recording');
    assert.equal(section!.status, 'ok', section!.reason);
    const rows = ['TLS 1.2, client auth required', 'TLS 1.3, client auth required', 'TLS 1.2, no client auth', 'TLS 1.3, no client auth'];
    const names = section!.figures.map((f) => f.name).join('\n');
    // The four targeted rows (the recorder / plain), then the same four for the whole embedded judge (INFO).
    assert.equal(section!.figures.length, 8, names);
    section!.figures.forEach((figure, i) => {
      assert.ok(figure.name.startsWith(i < 4 ? 'recorder / plain node:https' : 'whole embedded judge / plain node:https'), names);
      assert.ok(figure.name.includes(rows[i % 4]!), names);
      assert.equal(figure.unit, 'ratio');
      assert.equal(figure.target, i < 4 ? 1.5 : undefined);
      assert.ok((i < 4 ? ['PASS', 'MISS'] : ['INFO']).includes(figure.verdict), figure.name);
      assert.equal(figure.value.n, 3, 'three rounds with --quick');
      for (const side of [figure.value, figure.candidateMs!, figure.baselineMs!]) assert.ok(Number.isFinite(side.median) && side.median > 0, figure.name);
      assert.match(figure.note ?? '', /server CPU ms per handshake; wall \d/);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('options: --quick, --only by id or number, unknown names refused', () => {
  const parsed = parseBenchArguments(['--quick', '--only=1,pkcs12-load', '--out', 'x.json'], 'default.json');
  assert.deepEqual(parsed, { quick: true, only: ['1', 'pkcs12-load'], out: 'x.json', devices: [1, 2, 4], latencyMs: 150, sessionMs: 8000 });
  assert.deepEqual([parseBenchArguments(['--latency-ms', '250', '--session-ms=0'], 'd')].map((p) => [p.latencyMs, p.sessionMs]), [[250, 0]]);
  assert.throws(() => parseBenchArguments(['--latency-ms', 'slow'], 'd'), BenchUsageError);
  // The 1-device baseline is always measured first.
  assert.deepEqual(parseBenchArguments(['--devices', '4,2'], 'd').devices, [1, 2, 4]);
  assert.throws(() => parseBenchArguments(['--devices', '0'], 'd'), BenchUsageError);
  assert.throws(() => parseBenchArguments(['--devices', 'two'], 'd'), BenchUsageError);
  assert.deepEqual(selectSections(SECTIONS, parsed.only).map((s) => s.id), ['requests', 'pkcs12-load']);
  assert.equal(selectSections(SECTIONS, []).length, 10);
  assert.deepEqual(selectSections(SECTIONS, ['8']).map((s) => s.id), ['grid']);
  assert.deepEqual(selectSections(SECTIONS, ['9']).map((s) => s.id), ['handshake-recording']);
  assert.throws(() => selectSections(SECTIONS, ['nope']), BenchUsageError);
  assert.throws(() => parseBenchArguments(['--fast'], 'd'), BenchUsageError);
});

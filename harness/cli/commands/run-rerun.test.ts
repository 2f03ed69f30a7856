/**
 * The rerun line end to end: a devices file of two reference devices hosting a runtime that
 * ignores a replacement; the summary's rerun line for one of them, split into argv by a real
 * POSIX shell and run through the CLI entry, runs exactly that requirement on exactly that
 * device and fails it again.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { brokenRuntime } from '../../../devices/broken-runtimes/catalog.js';
import { RERUN_COMMAND } from '../../reports/rerun.js';
import type { RequirementResult } from '../../results/types.js';
import { usePrivateRunTmp } from '../../run/testing/run-temp.js';
import { main } from '../main.js';

const paths = usePrivateRunTmp('voltmx-run-rerun-');
const appium = process.env.VOLTMX_APPIUM_URL ? ['--appium-url', process.env.VOLTMX_APPIUM_URL] : [];

/** The argv a POSIX shell passes to `npx` for this line (npx replaced by a function that prints it). */
function shellArgv(line: string): string[] {
  const printed = execFileSync('sh', ['-c', `npx() { printf '%s\\0' "$@"; }; ${line}`], { encoding: 'utf8' });
  return printed.split('\0').slice(0, -1);
}

async function run(argv: string[]): Promise<{ code: number; out: string; results: RequirementResult[] }> {
  const lines: string[] = [];
  const code = await main(argv, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  const reportDir = argv[argv.indexOf('--report-dir') + 1]!;
  const json = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as { results: RequirementResult[] };
  return { code, out: lines.join('\n'), results: json.results };
}

test('run --devices: the printed rerun line of an unexpected result reruns exactly that requirement on that device, and fails it again', { timeout: 300_000 }, async () => {
  const devicesFile = join(paths.dir, 'lab devices.json');
  await writeFile(devicesFile, JSON.stringify([{ name: 'phone-a', profile: 'reference-android' }, { name: 'phone-b', profile: 'reference-ios' }]));
  // phone-a's own expectations know the defect: only phone-b's failure is unexpected. The rerun
  // keeps this folder, and phone-a's file must not be taken for a typo when only phone-b runs.
  const expectationsDir = join(paths.dir, 'expectations');
  await mkdir(expectationsDir);
  await writeFile(join(expectationsDir, 'phone-a.json'), JSON.stringify({ device: 'phone-a', expectations: { 'CA-REPLACE': { status: 'fail', reason: 'known' } } }));
  // As a user types them: relative to the working folder (the devices file's name has a space).
  const given = {
    devices: relative(process.cwd(), devicesFile),
    implementation: relative(process.cwd(), brokenRuntime('replace-ignored').module),
    expectations: relative(process.cwd(), expectationsDir),
  };
  const first = await run(['run', '--devices', given.devices, '--implementation', given.implementation, '--expectations', given.expectations,
    '--requirement', 'CA-REPLACE', '--requirement', 'CA-FAILED-LOAD-KEEPS-OLD', '--report-dir', join(paths.dir, 'reports-first'), ...appium]);
  assert.equal(first.code, 1, first.out);
  const statusOf = (results: RequirementResult[]) => results.map((r) => `${r.device} ${r.requirement} ${r.status}${r.unexpected ? ' unexpected' : ''}`).sort();
  assert.deepEqual(statusOf(first.results), [
    'phone-a CA-FAILED-LOAD-KEEPS-OLD pass', 'phone-a CA-REPLACE fail',
    'phone-b CA-FAILED-LOAD-KEEPS-OLD pass', 'phone-b CA-REPLACE fail unexpected',
  ], first.out);

  // The summary prints the rerun line of the unexpected result: the file as given, the device by name.
  const printed = first.out.split('\n').filter((l) => l.startsWith(`  ${RERUN_COMMAND} `)).map((l) => l.trim());
  assert.equal(printed.length, 1, first.out);
  const line = printed[0]!;
  assert.match(line, /--only-device phone-b /);
  assert.equal(line, first.results.find((r) => r.device === 'phone-b' && r.requirement === 'CA-REPLACE')?.rerun, 'the summary prints what results.json holds');
  const argv = shellArgv(line);
  assert.deepEqual(argv.slice(0, 2), ['voltmx-conformance', 'run']);
  assert.deepEqual(argv.slice(2, 8), ['--devices', given.devices, '--only-device', 'phone-b', '--requirement', 'CA-REPLACE']);
  const valueOf = (option: string) => argv[argv.indexOf(option) + 1];
  assert.deepEqual([valueOf('--implementation'), valueOf('--expectations')], [given.implementation, given.expectations], line);

  const rerun = await run([...argv.slice(1), '--report-dir', join(paths.dir, 'reports-rerun')]);
  assert.equal(rerun.code, 1, rerun.out);
  assert.deepEqual(statusOf(rerun.results), ['phone-b CA-REPLACE fail unexpected'], rerun.out);
  assert.equal(rerun.results[0]?.rerun, line, 'a rerun line reruns itself');
  // Only phone-b ran: the other device of the file has no row in the summary.
  assert.doesNotMatch(rerun.out, /^phone-a\b/m);
  assert.match(rerun.out, /^phone-b\s+0\s+1\b/m);
});

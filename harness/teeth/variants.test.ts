/**
 * The suite fails no correct runtime: one conformance run hosts every variant runtime
 * (devices/variant-runtimes: correct, but different from the reference where the sources are
 * open) on each of its platforms, each running the whole suite. Every variant device must come
 * out as its own run would exit 0: nothing unexpected, no failure, no error, and `differs`
 * exactly on the decisions it takes otherwise.
 * The same run hosts one broken runtime with two independent defects and an expectations file
 * that expects the first: the second must still show as unexpected failures (never `blocked`
 * by the expected one).
 * Set VARIANT_RUNTIMES=name,name to run a subset, VARIANTS_REPORT_DIR=<dir> to keep the reports.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { referenceAndroid, referenceIos, type DeviceProfile, type ProfileName } from '../../devices/profiles/index.js';
import { VARIANT_RUNTIMES, type VariantRuntime } from '../../devices/variant-runtimes/catalog.js';
import { requirement } from '../requirements/catalog.js';
import { buildRunReport, exitCodeOf, type RunReport } from '../reports/run-report.js';
import { parseExpectations } from '../results/expectations.js';
import type { ExpectationsFile, RequirementResult } from '../results/types.js';
import { runConformance, type RunOutcome } from '../run/run-conformance.js';
import { specFiles } from '../run/spec-files.js';

const only = process.env.VARIANT_RUNTIMES?.split(',').map((s) => s.trim()).filter(Boolean);
const selected = VARIANT_RUNTIMES.filter((r) => !only || only.includes(r.name));

function hosted(name: string, module: string, platform: 'android' | 'ios'): DeviceProfile {
  const base = (platform === 'android' ? referenceAndroid : referenceIos)(module);
  // Device names are free-form in results; ProfileName only lists the CLI's profiles.
  return { ...base, name: `${name}@${platform}` as ProfileName };
}

const variants = selected.flatMap((runtime) => runtime.platforms.map((platform) => ({ runtime, platform, profile: hosted(runtime.name, runtime.module, platform) })));

// Two defects, the first expected: CA-REPLACE-RESUMPTION (stale sessions) is a prerequisite of
// CA-LOAD-FROM-FILE and CA-LOAD-FROM-HTTP, which the second defect (base64 refused) fails.
const TWO_DEFECTS = hosted('stale-sessions-base64-rejected', fileURLToPath(new URL('../../devices/broken-runtimes/stale-sessions-base64-rejected.ts', import.meta.url)), 'android');
const EXPECTED_ROOT = 'CA-REPLACE-RESUMPTION';
const INDEPENDENT = ['CA-LOAD-BASE64', 'CA-LOAD-FROM-FILE', 'CA-LOAD-FROM-HTTP'];
const expectations: ExpectationsFile = parseExpectations({
  device: TWO_DEFECTS.name,
  expectations: { [EXPECTED_ROOT]: { status: 'fail', reason: 'a known defect: sessions are cached per server, not per identity' } },
}, 'variants.test.ts');

let dir: string;
let outcome: RunOutcome;
let rows: RequirementResult[];
let report: RunReport;
const log: string[] = [];
const keptReports = process.env.VARIANTS_REPORT_DIR;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-variants-'));
  outcome = await runConformance({
    profiles: [...variants.map((v) => v.profile), TWO_DEFECTS],
    backend: 'embedded',
    specs: specFiles(),
    expectations: new Map([[TWO_DEFECTS.name, expectations]]),
    reportDir: keptReports ?? join(dir, 'reports'),
    appiumUrl: process.env.VOLTMX_APPIUM_URL,
    keepPki: false,
    tool: { name: 'voltmx-conformance', version: 'variants-test' },
    log: (line) => log.push(line),
  });
  report = outcome.report;
  rows = (JSON.parse(await readFile(outcome.written.resultsJson, 'utf8')) as { results: RequirementResult[] }).results;
}, { timeout: 900_000 });

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the run itself is sound: no infrastructure errors', (t) => {
  for (const line of log.filter((l) => l.includes('done in'))) t.diagnostic(line.trim());
  assert.deepEqual(report.infrastructureErrors, [], log.join('\n'));
});

/** The decisions a variant differs on that apply to this platform. */
const differsOn = (runtime: VariantRuntime, platform: 'android' | 'ios') => runtime.differsOn.filter((id) => requirement(id).platforms.includes(platform)).sort();

for (const { runtime, platform, profile } of variants) {
  test(`${profile.name} conforms: exit 0 on its own, differing only on ${differsOn(runtime, platform).join(', ') || 'nothing'}`, (t) => {
    const mine = rows.filter((r) => r.device === profile.name);
    t.diagnostic(mine.map((r) => `${r.requirement}=${r.status}${r.unexpected ? '!' : ''}`).join(' '));
    const own = buildRunReport({ ...report, devices: report.devices.filter((d) => d.name === profile.name), results: mine, infrastructureErrors: [] });
    const wrong = mine.filter((r) => r.unexpected || !['pass', 'skip', 'differs'].includes(r.status));
    assert.deepEqual(wrong.map((r) => `${r.requirement}: ${r.status} (${r.message.split('\n')[0]})`), [], `${profile.name} is correct, yet the suite failed it`);
    assert.equal(exitCodeOf(own), 0);
    assert.deepEqual(mine.filter((r) => r.status === 'differs').map((r) => r.requirement).sort(), differsOn(runtime, platform));
    for (const r of mine.filter((x) => x.status === 'differs')) assert.equal(r.level, 'decision', r.requirement);
    assert.ok(mine.some((r) => r.status === 'pass'), `nothing passed on ${profile.name}`);
  });
}

test('an expected prerequisite failure blocks nothing: the independent defect further down is unexpected', () => {
  const mine = new Map(rows.filter((r) => r.device === TWO_DEFECTS.name).map((r) => [r.requirement, r]));
  const root = mine.get(EXPECTED_ROOT);
  assert.deepEqual([root?.status, root?.unexpected], ['fail', false], JSON.stringify(root));
  for (const id of INDEPENDENT) {
    const r = mine.get(id);
    assert.deepEqual([r?.status, r?.unexpected], ['fail', true], `${id}: ${JSON.stringify(r && { status: r.status, blockedBy: r.blockedBy, message: r.message.split('\n')[0] })}`);
  }
  assert.ok(requirement('CA-LOAD-FROM-FILE').buildsOn?.includes(EXPECTED_ROOT), 'the case this test is about: the expected failure is a prerequisite');
});

/**
 * Proof that the suite has teeth and points at root causes: one conformance run hosts every
 * broken runtime on reference-android and reference-ios (one device per runtime and platform,
 * each running the whole suite), and results.json must show each flagged on exactly its
 * catalogued requirements: what else its defect touches is `blocked` by those.
 * Set BROKEN_RUNTIMES=name,name to run a subset, TEETH_REPORT_DIR=<dir> to keep the reports.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { referenceAndroid, referenceIos, type DeviceProfile, type ProfileName } from '../../devices/profiles/index.js';
import { runConformance, type RunOutcome } from '../run/run-conformance.js';
import { specFiles } from '../run/spec-files.js';
import { BROKEN_RUNTIMES, type BrokenRuntime } from '../../devices/broken-runtimes/catalog.js';
import { findJava } from '../../servers/java/index.js';
import { requirement } from '../requirements/catalog.js';
import { teethVerdict, type ResultRow } from './teeth-verdict.js';

const only = process.env.BROKEN_RUNTIMES?.split(',').map((s) => s.trim()).filter(Boolean);
// Without javac the Java judge does not run and its specs skip: a defect only it shows cannot be
// flagged here (CI installs Java, so there every runtime runs).
const javaJudge = (await findJava()).available || process.env.CI === 'true';
const selected = BROKEN_RUNTIMES.filter((r) => (!only || only.includes(r.name)) && (javaJudge || !r.needsJavaJudge));

interface Hosted { readonly runtime: BrokenRuntime; readonly profile: DeviceProfile }

/** A reference device hosting `runtime`, named after it. */
function hostedProfile(runtime: BrokenRuntime, platform: 'android' | 'ios'): DeviceProfile {
  const base = (platform === 'android' ? referenceAndroid : referenceIos)(runtime.module);
  return {
    ...base,
    // Device names are free-form in results; ProfileName only lists the CLI's profiles.
    name: `${runtime.name}@${platform}` as ProfileName,
    ...(runtime.appDeadlineMs ? { appDeadlineMs: runtime.appDeadlineMs } : {}),
  };
}

const PLATFORMS = ['android', 'ios'] as const;
const hosted: Hosted[] = selected.flatMap((runtime) => PLATFORMS.map((p) => ({ runtime, profile: hostedProfile(runtime, p) })));

/**
 * The flags a device must show: those that apply to its platform where the defect shows; on
 * another platform they may fail (mayAlsoFlag) but need not.
 */
function expectedOn(runtime: BrokenRuntime, platform: 'android' | 'ios'): Pick<BrokenRuntime, 'flags' | 'mayAlsoFlag'> {
  const applicable = runtime.flags.filter((id) => requirement(id).platforms.includes(platform));
  if (runtime.platforms.includes(platform)) return { flags: applicable, ...(runtime.mayAlsoFlag ? { mayAlsoFlag: runtime.mayAlsoFlag } : {}) };
  const mayAlsoFlag = Object.fromEntries(applicable.map((id) => [id, `the defect does not show on ${platform}`]));
  return { flags: [], mayAlsoFlag: { ...runtime.mayAlsoFlag, ...mayAlsoFlag } };
}

let dir: string;
let outcome: RunOutcome;
let rows: ResultRow[];
const log: string[] = [];

const keptReports = process.env.TEETH_REPORT_DIR;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-teeth-'));
  outcome = await runConformance({
    profiles: hosted.map((h) => h.profile),
    backend: 'embedded',
    specs: specFiles(),
    expectations: new Map(),
    reportDir: keptReports ?? join(dir, 'reports'),
    appiumUrl: process.env.VOLTMX_APPIUM_URL,
    keepPki: false,
    tool: { name: 'voltmx-conformance', version: 'teeth-test' },
    log: (line) => log.push(line),
  });
  const json = JSON.parse(await readFile(outcome.written.resultsJson, 'utf8')) as { results: ResultRow[] };
  rows = json.results;
}, { timeout: 1_200_000 });

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the run itself is sound: no infrastructure errors, exit code 1 (unexpected results)', (t) => {
  for (const line of log.filter((l) => l.includes('done in'))) t.diagnostic(line.trim());
  assert.deepEqual(outcome.report.infrastructureErrors, [], log.join('\n'));
  assert.equal(outcome.exitCode, 1);
});

for (const { runtime, profile } of hosted) {
  test(`${profile.name} is flagged on ${runtime.flags.join(', ')} and conforms elsewhere`, (t) => {
    const mine = rows.filter((r) => r.device === profile.name);
    t.diagnostic(mine.map((r) => `${r.requirement}=${r.status}${r.unexpected ? '!' : ''}`).join(' '));
    const verdict = teethVerdict(expectedOn(runtime, profile.platform), mine);
    assert.ok(verdict.passedTests > 0, `no test passed on ${profile.name}: it is broken beyond its defect`);
    assert.deepEqual(verdict.missed, [], `the suite missed ${verdict.missed.join(', ')} on ${profile.name}`);
    assert.deepEqual(verdict.collateral, [], `${profile.name} also failed elsewhere`);
  });
}

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { referenceAndroid } from '../../devices/profiles/index.js';
import { parseExpectations } from '../results/expectations.js';
import { checkXml, findAll } from '../reports/testing/xml-checker.js';
import { rerunLine } from '../reports/rerun.js';
import { runConformance } from './run-conformance.js';
import { SPECS_DIR } from './spec-files.js';

const BROKEN = fileURLToPath(new URL('./testing/never-presents-runtime.ts', import.meta.url));
const SPEC = join(SPECS_DIR, 'send-only-when-challenged.spec.ts');

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-run-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});


test('a runtime that never presents its certificate fails the run, with evidence; expectations apply', { timeout: 90_000 }, async () => {
  const lines: string[] = [];
  const outcome = await runConformance({
    profiles: [referenceAndroid(BROKEN)],
    backend: 'embedded',
    specs: [SPEC],
    expectations: new Map([['reference-android', parseExpectations({ device: 'reference-android', expectations: { 'CA-OPTIONAL-AUTH': { status: 'fail', reason: 'known: never presents' } } }, 'test')]]),
    reportDir: join(dir, 'reports'),
    keepPki: false,
    appiumUrl: process.env.VOLTMX_APPIUM_URL,
    tool: { name: 'voltmx-conformance', version: 'test' },
    log: (line) => lines.push(line),
  });
  const { report } = outcome;
  assert.deepEqual(report.infrastructureErrors, [], lines.join('\n'));
  const byId = new Map(report.results.map((r) => [r.requirement, r]));
  // The root: CA-BOTH-APIS (HttpRequest presents nothing to a TLS 1.2 server). What builds on it
  // (through CA-TLS13, which this run leaves out) is blocked, with its own evidence kept.
  const root = byId.get('CA-BOTH-APIS')!;
  assert.equal(root.status, 'fail');
  assert.equal(root.unexpected, true);
  // The hosted implementation is part of the device: without it the rerun would run the reference.
  assert.equal(root.rerun, rerunLine(['--device', 'reference-android', '--implementation', BROKEN], 'CA-BOTH-APIS'));
  const challenged = byId.get('CA-SEND-ONLY-WHEN-CHALLENGED')!;
  assert.equal(challenged.status, 'blocked');
  assert.deepEqual(challenged.blockedBy, ['CA-BOTH-APIS']);
  assert.equal(challenged.unexpected, false);
  assert.match(challenged.message, /^blocked by CA-BOTH-APIS .*own result: fail: AssertionError/s);
  assert.equal(challenged.observation?.verify, 'NONE', 'the server saw no certificate');
  assert.ok(challenged.clientResult, 'the client result is attached');
  assert.equal(byId.get('CA-REQUIRED-AUTH')?.status, 'blocked');
  assert.equal(byId.get('CA-OPTIONAL-AUTH')?.status, 'blocked');
  assert.equal(byId.get('CA-OPTIONAL-AUTH')?.expectationReason, 'known: never presents', 'the expectation still applies');
  assert.equal(byId.get('CA-NOT-SENT-WITHOUT-REQUEST')?.status, 'pass');
  assert.equal(byId.get('CA-OPTIONAL-AUTH-NONE-LOADED')?.status, 'pass');
  assert.equal(outcome.exitCode, 1, 'the root failure is unexpected');
  assert.equal(report.provenance?.devices[0]?.implementation, BROKEN);

  const junit = checkXml(await readFile(outcome.written.junitXml, 'utf8'));
  assert.equal(findAll(junit, 'failure').length, 1);
  const json = JSON.parse(await readFile(outcome.written.resultsJson, 'utf8'));
  assert.equal(json.verdict.unexpected, 1);
  assert.equal(json.verdict.counts.blocked, 3);
  assert.ok(existsSync(outcome.written.html));
  assert.equal(existsSync(outcome.runDir), false, 'the private run folder is removed');
  // Every stage was reached and timed; the stages fit inside the whole (no speed asserted).
  const { pkiMs, fleetMs, appiumMs, specsMs, reportsMs, teardownMs, totalMs } = outcome.timings;
  const stages = [pkiMs, fleetMs, appiumMs, specsMs, reportsMs, teardownMs];
  for (const ms of stages) assert.ok(typeof ms === 'number' && ms >= 0, JSON.stringify(outcome.timings));
  assert.ok(stages.reduce<number>((sum, ms) => sum + (ms ?? 0), 0) <= totalMs, JSON.stringify(outcome.timings));
});

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { referenceIos } from '../../devices/profiles/index.js';
import { ExitCode } from '../reports/run-report.js';
import { runConformance } from './run-conformance.js';
import { SPECS_DIR } from './spec-files.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-run-infra-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a device whose session cannot start is an infrastructure error (exit 3), never a failure', { timeout: 90_000 }, async () => {
  const outcome = await runConformance({
    profiles: [referenceIos(join(dir, 'no-such-runtime.ts'))],
    backend: 'embedded',
    specs: [join(SPECS_DIR, 'send-only-when-challenged.spec.ts')],
    expectations: new Map(),
    reportDir: join(dir, 'reports'),
    keepPki: false,
    appiumUrl: process.env.VOLTMX_APPIUM_URL,
    tool: { name: 'voltmx-conformance', version: 'test' },
    log: () => {},
  });
  assert.equal(outcome.exitCode, ExitCode.infrastructure);
  assert.equal(outcome.report.results.filter((r) => r.status === 'fail').length, 0);
  assert.equal(outcome.report.infrastructureErrors.length, 1, outcome.report.infrastructureErrors.join('\n'));
  assert.match(outcome.report.infrastructureErrors[0], /^reference-ios: 1 spec file\(s\) never started \(.*no-such-runtime/);
  const json = JSON.parse(await readFile(outcome.written.resultsJson, 'utf8'));
  assert.equal(json.infrastructureErrors.length, 1);
});

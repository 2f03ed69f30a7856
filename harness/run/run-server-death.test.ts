/**
 * A judge that dies mid-run: the nginx server is killed (SIGKILL, by PID) once the specs are
 * under way. What it would have judged afterwards is an infrastructure error, never a
 * conformance failure, and the run still leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { referenceAndroid } from '../../devices/profiles/index.js';
import { NGINX_BINARY } from '../../servers/nginx/nginx-process.js';
import { ExitCode } from '../reports/run-report.js';
import { runConformance, type RunOutcome } from './run-conformance.js';
import { SPECS_DIR } from './spec-files.js';
import { describe, descendantsOf, waitFor } from './testing/process-tree.js';
import { folderKind, outcomesSoFar, runDescendants, runLeftovers, usePrivateRunTmp } from './testing/run-temp.js';

// Read in tests only: the paths exist once the file's before() hook has run.
const paths = usePrivateRunTmp('voltmx-run-death-');

test('an nginx server killed mid-run is an infrastructure error (exit 3), never a failure; nothing is left behind', { timeout: 120_000 }, async () => {
  const lines: string[] = [];
  let finished = false;
  const running: Promise<RunOutcome> = runConformance({
    profiles: [referenceAndroid()],
    backend: 'nginx',
    specs: ['send-only-when-challenged', 'loading', 'request-apis'].map((s) => join(SPECS_DIR, `${s}.spec.ts`)),
    expectations: new Map(),
    reportDir: join(paths.dir, 'reports'),
    keepPki: false,
    tool: { name: 'voltmx-conformance', version: 'test' },
    log: (line) => lines.push(line),
  }).finally(() => { finished = true; });

  // The specs are under way once a first outcome is on disk; then the judge dies.
  const seenDuringRun = new Set<string>();
  await waitFor('a first outcome', () => {
    for (const name of readdirSync(paths.tmp)) seenDuringRun.add(folderKind(name));
    if (finished) throw new Error(`the run ended before any outcome:\n${lines.join('\n')}`);
    return outcomesSoFar(paths.tmp) > 0 ? true : undefined;
  }, 90_000);
  const nginx = descendantsOf(process.pid).filter((p) => p.comm === 'nginx' || p.cmdline.startsWith(NGINX_BINARY));
  assert.equal(nginx.length, 1, `one nginx child of this process:\n${describe(descendantsOf(process.pid))}`);
  process.kill(nginx[0].pid, 'SIGKILL');
  const killedAfter = outcomesSoFar(paths.tmp);

  const outcome = await running;
  const { report } = outcome;
  const log = lines.join('\n');
  assert.ok(lines.some((l) => l.startsWith('- specs on reference-android')), log);

  assert.equal(outcome.exitCode, ExitCode.infrastructure, log);
  assert.ok(report.infrastructureErrors.length > 0, log);
  const named = report.infrastructureErrors.find((e) => e.includes(`nginx (pid ${nginx[0].pid})`));
  assert.ok(named, `an infrastructure error names the killed server:\n${report.infrastructureErrors.join('\n')}`);
  assert.match(named, /server fleet failed during the run: .*killed by SIGKILL/);
  assert.deepEqual(report.results.filter((r) => r.status === 'fail').map((r) => r.requirement), [], 'no conformance failure');
  // Tests ran after the death, and became errors (not passes, not failures).
  const total = report.results.reduce((n, r) => n + r.tests.length, 0);
  assert.ok(total > killedAfter, `tests ran after the kill (${killedAfter} before, ${total} in all)`);
  assert.ok(report.results.some((r) => r.status === 'error'), JSON.stringify(report.results.map((r) => [r.requirement, r.status])));
  for (const r of report.results.filter((x) => x.status === 'error')) assert.ok(r.tests.every((t) => t.status !== 'fail'), r.requirement);

  // Nothing left behind: no process, no temp folder (the run's, the PKI's, Appium's, the fleet's).
  const leftover = runDescendants();
  assert.deepEqual(leftover, [], describe(leftover));
  for (const prefix of ['voltmx-run-*', 'voltmx-pki-*', 'voltmx-appium-home-*', 'voltmx-fleet-nginx-*']) {
    assert.ok(seenDuringRun.has(prefix), `${prefix} existed during the run (else this check proves nothing): ${[...seenDuringRun].join(', ')}`);
  }
  assert.deepEqual(runLeftovers(await readdir(paths.tmp)), [], 'the temp folder holds nothing of the run');
  assert.equal(existsSync(outcome.runDir), false);
});

/**
 * runConformance's `signal`: an abort stops the run at once (workers shut down), tears down
 * everything and rejects with RunInterruptedError; no report is written.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { referenceAndroid } from '../../devices/profiles/index.js';
import { RunInterruptedError } from './errors.js';
import { runConformance, type RunOptions } from './run-conformance.js';
import { SPECS_DIR } from './spec-files.js';
import { describe, waitFor } from './testing/process-tree.js';
import { folderKind, outcomesSoFar, runDescendants, runLeftovers, usePrivateRunTmp } from './testing/run-temp.js';

// Read in tests only: the paths exist once the file's before() hook has run.
const paths = usePrivateRunTmp('voltmx-run-abort-');

const options = (signal: AbortSignal, log: (line: string) => void, reportDir: string): RunOptions => ({
  profiles: [referenceAndroid()],
  backend: 'embedded',
  specs: ['loading', 'replace', 'bad-input'].map((s) => join(SPECS_DIR, `${s}.spec.ts`)),
  expectations: new Map(),
  reportDir,
  keepPki: false,
  tool: { name: 'voltmx-conformance', version: 'test' },
  log,
  signal,
});

test('an already aborted signal starts nothing and rejects with RunInterruptedError', async () => {
  const controller = new AbortController();
  controller.abort(new RunInterruptedError('test'));
  const lines: string[] = [];
  await assert.rejects(runConformance(options(controller.signal, (l) => lines.push(l), join(paths.dir, 'reports-early'))), (e: unknown) => e instanceof RunInterruptedError && e.reason === 'test');
  assert.equal(lines.some((l) => l.startsWith('- test PKI')), false, lines.join('\n'));
  assert.deepEqual(runLeftovers(await readdir(paths.tmp)), []);
  assert.deepEqual(readdirSync(join(paths.dir, 'reports-early')), [], 'no report');
});

test('aborting while the specs run stops the workers, tears everything down, writes no report', { timeout: 90_000 }, async () => {
  const controller = new AbortController();
  const lines: string[] = [];
  let finished = false;
  const reportDir = join(paths.dir, 'reports-mid');
  const running = runConformance(options(controller.signal, (l) => lines.push(l), reportDir)).finally(() => { finished = true; });
  const seen = new Set<string>();
  await waitFor('a first outcome', () => {
    for (const name of readdirSync(paths.tmp)) seen.add(folderKind(name));
    if (finished) throw new Error(`the run ended before any outcome:\n${lines.join('\n')}`);
    return outcomesSoFar(paths.tmp) > 0 ? true : undefined;
  }, 75_000);
  assert.ok(runDescendants().length > 0, 'the run has child processes (Appium, a worker)');
  controller.abort('test abort');

  await assert.rejects(running, (e: unknown) => e instanceof RunInterruptedError && e.reason === 'test abort');
  assert.ok(lines.some((l) => /stopped after the interruption/.test(l)), lines.join('\n'));
  assert.deepEqual(runDescendants(), [], describe(runDescendants()));
  for (const kind of ['voltmx-run-*', 'voltmx-pki-*', 'voltmx-appium-home-*']) assert.ok(seen.has(kind), `${kind} existed: ${[...seen].join(', ')}`);
  assert.deepEqual(runLeftovers(await readdir(paths.tmp)), [], 'no temp folder of the run is left');
  for (const report of ['results.json', 'junit.xml', 'report.html']) assert.equal(existsSync(join(reportDir, report)), false, report);
});

/**
 * `voltmx-conformance run` that ends normally leaves nothing behind either: no process of the
 * run, no PKI, fleet, Appium or run folder in its (private) TMPDIR; the reports are written.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { describe, processesWithEnvPrefix } from '../run/testing/process-tree.js';
import { folderKind, runLeftovers } from '../run/testing/run-temp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'voltmx-conformance.js');

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'voltmx-cli-normal-exit-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

test('a run that completes: exit 0, reports written, nothing left in its TMPDIR or process table', { timeout: 180_000 }, async () => {
  const runTmp = join(dir, 'tmp');
  await mkdir(runTmp, { mode: 0o700 });
  const reports = join(dir, 'reports');
  const child = spawn(process.execPath, [BIN, 'run', '--device', 'reference-android', '--grep', 'CA-LOAD-RAWBYTES', '--report-dir', reports], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: runTmp, VOLTMX_APPIUM_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const seen = new Set<string>();
  const watch = setInterval(() => { for (const name of readdirSync(runTmp)) seen.add(folderKind(name)); }, 50);
  const [code, bySignal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearInterval(watch);
  assert.equal(bySignal, null, output);
  assert.equal(code, 0, output);
  for (const kind of ['voltmx-run-*', 'voltmx-pki-*', 'voltmx-appium-home-*', 'voltmx-appium-run-*']) {
    assert.ok(seen.has(kind), `${kind} existed during the run (else this proves nothing): ${[...seen].join(', ')}`);
  }
  const left = processesWithEnvPrefix(`TMPDIR=${runTmp}`);
  assert.deepEqual(left, [], describe(left));
  assert.deepEqual(runLeftovers(await readdir(runTmp)), [], 'no temp folder of the run is left');
  assert.ok(existsSync(join(reports, 'results.json')), 'the report is written');
});

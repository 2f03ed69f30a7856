/**
 * `voltmx-conformance servers up` stopped by Ctrl-C (SIGINT) or a kill (SIGTERM): the servers
 * stop, the PKI folder (client keys, passwords.json) is removed, and the CLI exits 130 / 143.
 * The child gets a private TMPDIR, so every folder it made lands there and every process it
 * started carries it in its environment.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nginxBinary } from '../../support/tools/index.js';
import { spawnWatched, toolSkip } from '../../support/testing/index.js';
import { describe as describeProcesses, processesWithEnv, waitFor } from '../run/testing/process-tree.js';
import { runLeftovers } from '../run/testing/run-temp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'voltmx-conformance.js');
const skip = toolSkip('nginx', nginxBinary() ? undefined : 'no nginx with the echo module');

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'voltmx-servers-up-signal-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`servers up --servers nginx, then ${signal}: exit ${code}, no nginx, no PKI folder`, { skip, timeout: 120_000 }, async () => {
    const tmp = join(dir, signal);
    await mkdir(tmp, { mode: 0o700 });
    const watched = spawnWatched(process.execPath, [BIN, 'servers', 'up', '--servers', 'nginx'], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp } });
    try {
      await waitFor('servers up to be ready', () => {
        if (watched.done()) throw new Error(`servers up ended early:\n${watched.output()}`);
        return watched.output().includes('\nready;') ? true : undefined;
      }, 90_000); // the start builds and starts the Java judge too when javac is there
      const passwords = /passwords in (\S+)/.exec(watched.output())?.[1];
      assert.ok(passwords && existsSync(passwords), 'passwords.json exists while serving');
      const mark = `TMPDIR=${tmp}`;
      assert.ok(processesWithEnv(mark).some((p) => p.comm === 'nginx'), 'nginx runs with the private TMPDIR');

      watched.child.kill(signal);
      const [exitCode, bySignal] = await watched.exited;
      const output = watched.output();
      assert.equal(bySignal, null, `exited by itself:\n${output}`);
      assert.equal(exitCode, code, output);
      assert.match(output, /stopping/);
      const left = processesWithEnv(mark);
      assert.deepEqual(left, [], describeProcesses(left));
      assert.equal(existsSync(passwords), false, 'passwords.json is gone');
      assert.deepEqual(runLeftovers(await readdir(tmp)), [], 'no PKI or fleet folder left');
    } finally {
      watched.killIfRunning();
    }
  });
}

test('SIGINT while the PKI is still being generated: the start finishes, is stopped in order, nothing is left; exit 130', { skip, timeout: 120_000 }, async () => {
  const tmp = join(dir, 'during-start');
  await mkdir(tmp, { mode: 0o700 });
  const watched = spawnWatched(process.execPath, [BIN, 'servers', 'up', '--servers', 'nginx'], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp } });
  try {
    await waitFor('the PKI folder to appear', () => {
      if (watched.done()) throw new Error(`servers up ended early:\n${watched.output()}`);
      return readdirSync(tmp).some((n) => n.startsWith('voltmx-pki-')) ? true : undefined;
    }, 45_000, 5);
    assert.doesNotMatch(watched.output(), /\nready;/, 'still starting');
    watched.child.kill('SIGINT');
    const [exitCode, bySignal] = await watched.exited;
    const output = watched.output();
    assert.equal(bySignal, null, output);
    assert.equal(exitCode, 130, output);
    assert.match(output, /^stopping$/m, 'the command was told');
    assert.match(output, /^ready;/m, 'the start was finished, not torn apart');
    const left = processesWithEnv(`TMPDIR=${tmp}`);
    assert.deepEqual(left, [], describeProcesses(left));
    assert.deepEqual(runLeftovers(await readdir(tmp)), [], 'no PKI or fleet folder left');
  } finally {
    watched.killIfRunning();
  }
});

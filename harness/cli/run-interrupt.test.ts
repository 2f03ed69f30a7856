/**
 * Ctrl-C (SIGINT) or a kill (SIGTERM) while `voltmx-conformance run` is in its specs: the CLI
 * says it was interrupted, stops Appium, the WebdriverIO workers, the servers and the PKI, and
 * exits 128 + the signal number. The child gets a private TMPDIR, so every process it started
 * carries it in its environment and every temp folder it made lands in it.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { allProcesses, describe, descendantsOf, processesWithEnv, processesWithEnvPrefix, waitFor } from '../run/testing/process-tree.js';
import { folderKind, outcomesSoFar, runLeftovers } from '../run/testing/run-temp.js';
import { spawnWatched } from '../../support/testing/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'voltmx-conformance.js');

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-cli-interrupt-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} during the specs: "interrupted", exit ${128 + constants.signals[signal]}, no process or temp folder left`, { timeout: 90_000 }, async () => {
    const runTmp = join(dir, `tmp-${signal}`);
    await mkdir(runTmp, { mode: 0o700 });
    const envMark = `TMPDIR=${runTmp}`;
    const watched = spawnWatched(process.execPath, [BIN, 'run', '--device', 'reference-android', '--report-dir', join(dir, `reports-${signal}`)], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: runTmp, VOLTMX_APPIUM_URL: '' },
    });
    try {
      // Under way: the specs stage began and a worker wrote a first outcome.
      const seen = new Set<string>();
      await waitFor('a first outcome of the specs', () => {
        for (const name of readdirSync(runTmp)) seen.add(folderKind(name));
        if (watched.done()) throw new Error(`the run ended before any outcome:\n${watched.output()}`);
        return watched.output().includes('- specs on reference-android') && outcomesSoFar(runTmp) > 0 ? true : undefined;
      }, 75_000);
      const tree = descendantsOf(watched.child.pid!);
      assert.ok(tree.some((p) => p.cmdline.includes('appium')), `Appium runs below the CLI:\n${describe(tree)}`);
      assert.ok(processesWithEnv(envMark).length > 1, 'the run\'s processes carry the private TMPDIR (else the leak check proves nothing)');
      for (const kind of ['voltmx-run-*', 'voltmx-pki-*', 'voltmx-appium-home-*']) assert.ok(seen.has(kind), `${kind} existed: ${[...seen].join(', ')}`);

      watched.child.kill(signal);
      // Generous: workers get a graceful end, Appium up to 5 s before SIGKILL.
      let timer: NodeJS.Timeout | undefined;
      const [code, bySignal] = await Promise.race([
        watched.exited,
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no exit 45 s after ${signal}:\n${watched.output()}`)), 45_000); }),
      ]).finally(() => clearTimeout(timer));
      const output = watched.output();
      assert.equal(bySignal, null, `exited by itself, not killed by ${bySignal}:\n${output}`);
      assert.equal(code, 128 + constants.signals[signal], output);
      assert.match(output, new RegExp(`interrupted by ${signal}: stopping`));
      assert.match(output, new RegExp(`interrupted by ${signal}: everything the run started is stopped`));
      assert.doesNotMatch(output, /^reports: /m, 'no report for an interrupted run');

      // Nothing left: no process of the run (they all carry its TMPDIR), no temp folder.
      // Appium runs with a TMPDIR inside the run's (its drivers' sandboxes go there): a prefix match.
      const leftover = await waitFor('the run\'s processes to be gone', () => (processesWithEnvPrefix(envMark).length === 0 ? [] : undefined), 10_000)
        .catch(() => processesWithEnvPrefix(envMark));
      assert.deepEqual(leftover, [], describe(leftover));
      const alive = allProcesses();
      for (const p of tree) assert.equal(alive.some((q) => q.pid === p.pid && q.cmdline === p.cmdline), false, `still alive: ${describe([p])}`);
      assert.deepEqual(runLeftovers(await readdir(runTmp)), [], 'no temp folder of the run is left');
    } finally {
      watched.killIfRunning();
    }
  });
}

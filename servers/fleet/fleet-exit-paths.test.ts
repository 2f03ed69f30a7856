/**
 * A started fleet and its PKI leave nothing behind on any exit path of the process that owns
 * them (support/cleanup): SIGINT, SIGTERM, an uncaught error, process.exit(). Real nginx, real
 * signals; the child gets a private TMPDIR, so "nothing left" is "that folder is empty again".
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { processesWithEnv, toolSkip, waitFor } from '../../support/testing/index.js';
import { nginxBinary } from '../../support/tools/index.js';

const child = fileURLToPath(new URL('./testing/fleet-until-ended.ts', import.meta.url));
const skip = toolSkip('nginx', nginxBinary() ? undefined : 'no nginx with the echo module');

let root: string;
before(async () => { root = await mkdtemp(join(tmpdir(), 'voltmx-fleet-exit-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] === 'Z'; // killed, only not yet reaped
  } catch {
    return existsSync('/proc/self');
  }
};

const cases = [
  { mode: 'wait', signal: 'SIGINT', code: 130 },
  { mode: 'wait', signal: 'SIGTERM', code: 143 },
  { mode: 'throw', signal: undefined, code: 1 },
  { mode: 'exit', signal: undefined, code: 0 },
] as const;

describe('fleet and PKI on every exit path', { concurrency: true, skip }, () => {
  for (const { mode, signal, code } of cases) {
    test(`${signal ?? mode}: exit ${code}, nginx gone, the private TMPDIR empty`, { timeout: 60_000 }, async () => {
      const tmp = join(root, `${signal ?? mode}`);
      await mkdir(tmp, { mode: 0o700 });
      const proc = spawn(process.execPath, ['--import', 'tsx', child, mode], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      const exited = once(proc, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      while (!out.includes('\n')) await Promise.race([once(proc.stdout, 'data'), exited.then(() => { throw new Error(`exited early:\n${err}`); })]);
      const { pid, workDir, pkiDir } = JSON.parse(out.split('\n')[0]) as { pid: number; workDir: string; pkiDir: string };
      assert.ok(existsSync(workDir) && existsSync(pkiDir), 'both folders exist while the fleet runs');
      assert.equal(gone(pid), false, 'nginx runs');
      if (signal) proc.kill(signal);
      const [exitCode, exitSignal] = await exited;
      assert.equal(exitSignal, null, `exited by itself:\n${err}`);
      assert.equal(exitCode, code, err);
      assert.ok(gone(pid), 'nginx is gone');
      assert.deepEqual(readdirSync(tmp).filter((n) => !/^tsx-\d+$/.test(n)), [], 'no fleet or PKI folder left');
      if (mode === 'throw') assert.match(err, /fleet holder failed/);
    });
  }
});

test('SIGTERM while the fleet is starting: exit 143, no nginx, the private TMPDIR empty', { skip, timeout: 60_000 }, async () => {
  const tmp = join(root, 'during-start');
  await mkdir(tmp, { mode: 0o700 });
  const proc = spawn(process.execPath, ['--import', 'tsx', child, 'start'], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  proc.stdout.resume();
  const exited = once(proc, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let done = false;
  void exited.then(() => { done = true; });
  // The fleet folder exists from the first moment of start(): signal then, before any endpoint answers.
  await waitFor('the fleet folder', () => {
    if (done) throw new Error(`exited early:\n${err}`);
    return readdirSync(tmp).some((n) => n.startsWith('voltmx-fleet-nginx-')) ? true : undefined;
  }, 45_000, 2);
  proc.kill('SIGTERM');
  const [exitCode, exitSignal] = await exited;
  assert.equal(exitSignal, null, err);
  assert.equal(exitCode, 143, err);
  assert.deepEqual(processesWithEnv(`TMPDIR=${tmp}`), [], 'no nginx (or anything else) of the child left');
  assert.deepEqual(readdirSync(tmp).filter((n) => !/^tsx-\d+$/.test(n)), [], 'no fleet or PKI folder left');
});

/**
 * The one cleanup path, end to end: a real child process registers a temp folder and a
 * grandchild (`sleep`), then gets a real signal, throws, rejects, calls process.exit() or runs
 * dry. Each child has a private TMPDIR, so "nothing left" is "that folder is empty again".
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

const HOLDER = fileURLToPath(new URL('./testing/resource-holder.ts', import.meta.url));

let root: string;
before(async () => { root = await mkdtemp(join(tmpdir(), 'voltmx-cleanup-test-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly pid: number;
  readonly dir: string;
  readonly tmp: string;
}

/** A killed grandchild may stay a zombie until init reaps it: that counts as gone. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return existsSync('/proc/self') ? false : true;
  }
};

/** Starts the holder in `mode`; `poke` (if any) runs once it has registered everything. */
/** What a test may do to the holder once it is ready: signal it, tell it to go on, wait for a line it says. */
interface Holder {
  kill(signal: NodeJS.Signals): boolean;
  /** Writes a line to its stdin (the 'listener' mode waits for "go"). */
  tell(line: string): void;
  /** Resolves once it has printed `line`. */
  said(line: string): Promise<void>;
}

async function hold(mode: string, poke?: (child: Holder, pid: number) => void, env: NodeJS.ProcessEnv = {}): Promise<Ended> {
  const tmp = join(root, `${mode}-${Math.random().toString(36).slice(2)}`);
  await mkdir(tmp, { mode: 0o700 });
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, mode], { env: { ...process.env, ...env, TMPDIR: tmp }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdin.on('error', () => {}); // a holder that has exited no longer reads
  const holder: Holder = {
    kill: (signal) => child.kill(signal),
    tell: (line) => { child.stdin.write(`${line}\n`); },
    said: (line) => new Promise((resolve) => {
      const check = (): void => {
        if (!stdout.split('\n').includes(line)) return;
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
    }),
  };
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const first = new Promise<{ pid: number; dir: string }>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { pid: number; dir: string });
    });
    void exited.then(() => reject(new Error(`the holder exited before it was ready:\n${stderr}`)));
  });
  const { pid, dir } = await first;
  assert.ok(existsSync(dir), 'the folder exists while the holder runs');
  assert.ok(alive(pid), 'the grandchild runs');
  poke?.(holder, pid);
  const [code, signal] = await exited;
  child.stdin.destroy();
  return { code, signal, stdout, stderr, pid, dir, tmp };
}

/** tsx keeps its compile cache in TMPDIR by design; anything else is a leak. */
const leftovers = (tmp: string): string[] => readdirSync(tmp).filter((n) => !/^tsx-\d+$/.test(n));

function assertNothingLeft(ended: Ended): void {
  assert.equal(existsSync(ended.dir), false, `the folder is gone\n${ended.stderr}`);
  assert.equal(alive(ended.pid), false, 'the grandchild is gone');
  assert.deepEqual(leftovers(ended.tmp), [], 'the private TMPDIR is empty again');
}

describe('every exit path runs the registered cleanups once', { concurrency: true, timeout: 60_000 }, () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    test(`${signal}: cleanups run newest first, then exit ${code}`, async () => {
      const ended = await hold('wait', (child) => child.kill(signal));
      assert.equal(ended.signal, null, 'exited by itself, not killed by the signal');
      assert.equal(ended.code, code, ended.stderr);
      assert.deepEqual(ended.stdout.split('\n').filter((l) => l.startsWith('cleaned')), ['cleaned sleeper', 'cleaned folder']);
      assertNothingLeft(ended);
    });
  }

  test('SIGINT with an interrupt listener: the listener finishes before any cleanup', async () => {
    // The listener waits for our "go": cleanups that did not wait for it would end the holder first.
    const ended = await hold('listener', (child) => {
      child.kill('SIGINT');
      void child.said('listener SIGINT').then(() => child.tell('go'));
    });
    assert.equal(ended.code, 130, ended.stderr);
    const lines = ended.stdout.split('\n').filter((l) => /^(listener|cleaned)/.test(l));
    assert.deepEqual(lines, ['listener SIGINT', 'listener done', 'cleaned sleeper', 'cleaned folder']);
    assertNothingLeft(ended);
  });

  test('a second SIGINT during the cleanup does not cut it short', async () => {
    const ended = await hold('slow', (child) => {
      child.kill('SIGINT');
      // The second signal, once the folder's cleanup has begun (it waits for that signal).
      void child.said('cleaning folder').then(() => child.kill('SIGINT'));
    });
    assert.equal(ended.code, 130, ended.stderr);
    assert.match(ended.stderr, /SIGINT: still cleaning up/);
    assert.deepEqual(ended.stdout.split('\n').filter((l) => l.startsWith('cleaned')), ['cleaned sleeper', 'cleaned folder']);
    assertNothingLeft(ended);
  });

  test('a cleanup that never ends: after the grace period the synchronous fallbacks run, exit 143', async () => {
    const ended = await hold('hang', (child) => child.kill('SIGTERM'), { VOLTMX_CLEANUP_GRACE_MS: '1500' });
    assert.equal(ended.code, 143, ended.stderr);
    assert.match(ended.stderr, /cleanup did not finish within 1500 ms; forcing it/);
    assert.deepEqual(ended.stdout.split('\n').filter((l) => l.startsWith('cleaned')), ['cleaned sleeper'], 'the folder\'s own cleanup never finished');
    assertNothingLeft(ended);
  });

  for (const mode of ['throw', 'reject'] as const) {
    test(`uncaught error (${mode}): printed, cleaned up, exit 1`, async () => {
      const ended = await hold(mode);
      assert.equal(ended.code, 1, ended.stderr);
      assert.match(ended.stderr, mode === 'throw' ? /boom from the holder/ : /rejected in the holder/);
      assert.deepEqual(ended.stdout.split('\n').filter((l) => l.startsWith('cleaned')), ['cleaned sleeper', 'cleaned folder']);
      assertNothingLeft(ended);
    });
  }

  test('process.exit() elsewhere: the synchronous fallbacks run, the code stays', async () => {
    const ended = await hold('exit');
    assert.equal(ended.code, 7, ended.stderr);
    assert.doesNotMatch(ended.stdout, /cleaned/, 'nothing asynchronous can run inside exit');
    assertNothingLeft(ended);
  });

  test('the event loop runs dry with entries left: they run, and the process ends normally', async () => {
    const ended = await hold('drain');
    assert.equal(ended.code, 0, ended.stderr);
    assertNothingLeft(ended);
  });
});

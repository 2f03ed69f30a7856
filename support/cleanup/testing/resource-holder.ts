// Child process for cleanup-registry.test.ts: registers a temp folder and a child process
// (`sleep`) with the registry, prints {"pid", "dir"} and then ends the way argv[2] says.
// Each cleanup prints a line when it runs, so the parent can check order and count; 'slow' and
// 'listener' wait on the parent (a second signal, a "go" line), never on the clock.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { onInterrupt, registerCleanup } from '../../index.js';

const mode = process.argv[2];
const say = (line: string) => process.stdout.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'voltmx-holder-'));
writeFileSync(join(dir, 'secret.key'), 'not a real key', { mode: 0o600 });
registerCleanup('folder', async () => {
  if (mode === 'slow') {
    // Mid-cleanup until the parent's second signal (sent on this line) has arrived.
    const second = once(process, 'SIGINT');
    say('cleaning folder');
    await second;
  }
  if (mode === 'hang') await new Promise(() => undefined); // never settles: the grace period must end it
  rmSync(dir, { recursive: true, force: true });
  say('cleaned folder');
}, { sync: () => rmSync(dir, { recursive: true, force: true }) });

const child = spawn('sleep', ['600'], { stdio: 'ignore' });
registerCleanup('sleeper', async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  say('cleaned sleeper');
}, { sync: () => child.kill('SIGKILL') });

if (mode === 'listener') {
  onInterrupt(async (signal) => {
    say(`listener ${signal}`);
    // Busy until the parent says "go": a registry that did not wait would clean up and exit first.
    const go = createInterface({ input: process.stdin });
    await new Promise<void>((resolve) => go.on('line', (line) => { if (line === 'go') resolve(); }));
    go.close();
    say('listener done');
  });
}

say(JSON.stringify({ pid: child.pid, dir }));
switch (mode) {
  case 'wait':
  case 'slow':
  case 'hang':
  case 'listener':
    setInterval(() => undefined, 1_000);
    break;
  case 'throw':
    setTimeout(() => { throw new Error('boom from the holder'); }, 50);
    break;
  case 'reject':
    setTimeout(() => void Promise.reject(new Error('rejected in the holder')), 50);
    break;
  case 'exit':
    setTimeout(() => process.exit(7), 50);
    break;
  case 'drain':
    // Only this timer keeps the loop alive (time for the parent to look): then it runs dry
    // with both entries still registered.
    child.unref();
    setTimeout(() => undefined, 1_000);
    break;
  default:
    throw new Error(`unknown mode ${mode}`);
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { isRunning, stopChild } from './stop-child.js';

const node = (script: string) => spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
const ready = async (child: ReturnType<typeof node>) => { await once(child.stdout!, 'data'); };

test('a child that honours SIGTERM exits by it', async () => {
  const child = node('console.log("up"); setInterval(() => {}, 1000)');
  await ready(child);
  await stopChild(child);
  assert.equal(isRunning(child), false);
  assert.equal(child.signalCode, 'SIGTERM');
});

test('a child that ignores SIGTERM is killed once the grace period runs out', async () => {
  const child = node('process.on("SIGTERM", () => {}); console.log("up"); setInterval(() => {}, 1000)');
  await ready(child);
  await stopChild(child, { graceMs: 200 });
  assert.equal(child.signalCode, 'SIGKILL');
});

test('stopping an exited child, or twice at once, resolves without a signal', async () => {
  const child = node('console.log("up")');
  await once(child, 'exit');
  await stopChild(child);
  const again = node('console.log("up"); setInterval(() => {}, 1000)');
  await ready(again);
  await Promise.all([stopChild(again), stopChild(again)]);
  assert.equal(again.signalCode, 'SIGTERM');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTimer } from './timer.js';

const fired = (timer: ReturnType<typeof createTimer>, id: string, seconds: number, log: string[]) =>
  new Promise<void>((resolve) => timer.schedule(id, () => { log.push(id); resolve(); }, seconds, false));

test('schedule runs the callback once after its delay; cancel stops a timer before it fires', async () => {
  const timer = createTimer();
  const log: string[] = [];
  timer.schedule('early', () => log.push('early'), 0.02, false);
  timer.cancel('early');
  timer.cancel('never-scheduled');
  await fired(timer, 'late', 0.08, log);
  assert.deepEqual(log, ['late'], 'the cancelled timer, due first, never ran');
});

test('repeat runs until cancelled; a new schedule under the same id replaces the old one', async () => {
  const timer = createTimer();
  let ticks = 0;
  await new Promise<void>((resolve) => timer.schedule('tick', () => { ticks += 1; if (ticks === 3) { timer.cancel('tick'); resolve(); } }, 0.005, true));
  assert.equal(ticks, 3);
  const log: string[] = [];
  timer.schedule('same', () => log.push('first'), 0.01, false);
  await new Promise<void>((resolve) => timer.schedule('same', () => { log.push('second'); resolve(); }, 0.03, false));
  assert.deepEqual(log, ['second']);
});

test('cancelAll (shutdown) cancels every timer, and later schedules do nothing', async () => {
  const timer = createTimer();
  const log: string[] = [];
  timer.schedule('a', () => log.push('a'), 0.01, false);
  timer.schedule('b', () => log.push('b'), 0.01, true);
  timer.cancelAll();
  timer.schedule('c', () => log.push('c'), 0, false);
  // A later timer of the same clock (node's): by the time it runs, every one above was due.
  await fired(createTimer(), 'witness', 0.06, []);
  assert.deepEqual(log, []);
});

test('arguments: 101 for counts, 100 for types', () => {
  const timer = createTimer();
  const schedule = timer.schedule as (...a: unknown[]) => void;
  const cancel = timer.cancel as (...a: unknown[]) => void;
  assert.throws(() => schedule('x', () => {}), { errorCode: 101 });
  assert.throws(() => cancel(), { errorCode: 101 });
  for (const args of [[1, () => {}, 1, false], ['', () => {}, 1, false], ['x', 'f', 1, false], ['x', () => {}, -1, false], ['x', () => {}, '1', false], ['x', () => {}, 1, 'no']]) {
    assert.throws(() => schedule(...args), { errorCode: 100 });
  }
  assert.throws(() => cancel(5), { errorCode: 100 });
});

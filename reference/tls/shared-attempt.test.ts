import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedAttempt } from './shared-attempt.js';

class Left extends Error {}

/** An attempt settled by hand, recording whether it was told every waiter left. */
function manual(): { attempt: SharedAttempt<string>; settle: (value: string) => void; cancelled: () => boolean } {
  let settle!: (value: string) => void;
  let signal!: AbortSignal;
  const attempt = new SharedAttempt<string>((s) => {
    signal = s;
    return new Promise<string>((resolve, reject) => {
      settle = resolve;
      s.addEventListener('abort', () => reject(new Error('cancelled')));
    });
  });
  return { attempt, settle, cancelled: () => signal.aborted };
}

test('the attempt is cancelled only when its last waiter leaves', async () => {
  const { attempt, cancelled } = manual();
  const a = new AbortController();
  const b = new AbortController();
  const waitA = attempt.join(a.signal, () => new Left());
  const waitB = attempt.join(b.signal, () => new Left());
  a.abort();
  await assert.rejects(waitA, Left);
  assert.equal(cancelled(), false);
  b.abort();
  await assert.rejects(waitB, Left);
  assert.equal(cancelled(), true);
  assert.equal(attempt.abandoned, true);
  await assert.rejects(attempt.result, /cancelled/);
  assert.equal(attempt.settled, true);
});

test('a waiter without a signal keeps the attempt alive; the others still get the result', async () => {
  const { attempt, settle, cancelled } = manual();
  const a = new AbortController();
  const waitA = attempt.join(a.signal, () => new Left());
  const steady = attempt.join(undefined, () => new Left());
  const b = new AbortController();
  const waitB = attempt.join(b.signal, () => new Left());
  a.abort();
  await assert.rejects(waitA, Left);
  assert.equal(cancelled(), false);
  settle('done');
  assert.equal(await steady, 'done');
  assert.equal(await waitB, 'done');
  b.abort(); // after the result: nothing to cancel
  assert.equal(cancelled(), false);
});

test('an already aborted signal leaves at once without counting', async () => {
  const { attempt, settle, cancelled } = manual();
  const aborted = AbortSignal.abort();
  await assert.rejects(attempt.join(aborted, () => new Left()), Left);
  assert.equal(cancelled(), false, 'a waiter that never joined cannot be the last to leave');
  settle('x');
  assert.equal(await attempt.result, 'x');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settledTranscript } from './transcript.js';
import type { HandshakeTranscript } from './types.js';

const written = { exchange: 'e'.repeat(32) } as HandshakeTranscript;

test('settledTranscript: a transcript recorded just after the answer is found once it is there', async () => {
  const recordedAt = Date.now() + 80;
  const found = await settledTranscript(() => (Date.now() >= recordedAt ? written : null));
  assert.equal(found, written);
  assert.ok(Date.now() >= recordedAt);
});

test('settledTranscript: one that never comes is null at the deadline, and a passed deadline looks once', async () => {
  const started = Date.now();
  assert.equal(await settledTranscript(() => null, started + 60), null);
  assert.ok(Date.now() - started >= 60);
  let looks = 0;
  assert.equal(await settledTranscript(() => { looks += 1; return null; }, started), null);
  assert.equal(looks, 1);
});

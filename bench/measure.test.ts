import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interleaved } from './measure.js';

// The method only: who runs when. Timings are never asserted (DEVELOPERS.md).
test('interleaved(): the sides take turns one operation at a time, who goes first alternating; one ratio per round', async () => {
  const calls: string[] = [];
  const result = await interleaved({
    rounds: 3, perRound: 4, warmup: 2,
    baseline: () => { calls.push('b'); },
    candidate: () => { calls.push('c'); },
  });
  assert.deepEqual(calls.slice(0, 4), ['b', 'c', 'b', 'c'], 'warm-up');
  const round = ['b', 'c', 'c', 'b', 'b', 'c', 'c', 'b'];
  assert.deepEqual(calls.slice(4), [...round, ...round, ...round]);
  assert.equal(result.ratio.n, 3);
  assert.equal(result.cpuRatio?.n, 3);
  assert.equal(result.baselineMs.n, 3);
});

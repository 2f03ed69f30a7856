import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExpectations, expectationLookup, regenerateExpectations } from './expectations.js';
import { judgeOutcomes } from './judge-results.js';
import { verdictOf } from './aggregate.js';
import type { ResultStatus, TestOutcome } from './types.js';

const outcome = (requirement: string, status: ResultStatus, device = 'ios-1'): TestOutcome =>
  ({ requirement, device, title: `[${requirement}] t`, status, message: `${status} here`, durationMs: 1 });

// The case: iOS expects CA-REPLACE-RESUMPTION to fail; CA-LOAD-FROM-FILE builds on it.
const file = parseExpectations({
  device: 'ios-1',
  expectations: { 'CA-REPLACE-RESUMPTION': { status: 'fail', reason: 'no flush call on iOS' } },
}, 'ios-1.json');
const lookup = expectationLookup(new Map([['ios-1', file]]));

test('an expected prerequisite failure does not hide an independent defect further down', () => {
  const results = judgeOutcomes([
    outcome('CA-TLS13', 'pass'), outcome('CA-REPLACE', 'pass'), outcome('CA-REPLACE-KEEPALIVE', 'pass'),
    outcome('CA-REPLACE-RESUMPTION', 'fail'), outcome('CA-LOAD-FROM-FILE', 'fail'),
  ], lookup);
  const by = Object.fromEntries(results.map((r) => [r.requirement, r]));
  assert.equal(by['CA-REPLACE-RESUMPTION']!.status, 'fail');
  assert.equal(by['CA-REPLACE-RESUMPTION']!.unexpected, false);
  assert.equal(by['CA-LOAD-FROM-FILE']!.status, 'fail', 'not blocked by an expected failure');
  assert.equal(by['CA-LOAD-FROM-FILE']!.unexpected, true);
  assert.equal(verdictOf(results).unexpected, 1);
});

test('a decision that fails is `differs` (listed, not unexpected); strict makes it a failure', () => {
  const outcomes = [outcome('CA-PASS-REQUIRED', 'fail'), outcome('CA-ERR-100', 'pass')];
  const lenient = judgeOutcomes(outcomes, () => undefined);
  const passRequired = lenient.find((r) => r.requirement === 'CA-PASS-REQUIRED')!;
  assert.equal(passRequired.status, 'differs');
  assert.equal(passRequired.unexpected, false);
  assert.equal(passRequired.level, 'decision');
  assert.equal(lenient.find((r) => r.requirement === 'CA-ERR-100')!.level, 'documented');
  assert.equal(verdictOf(lenient).counts.differs, 1);
  const strict = judgeOutcomes(outcomes, () => undefined, { strict: true });
  assert.deepEqual(strict.filter((r) => r.unexpected).map((r) => [r.requirement, r.status]), [['CA-PASS-REQUIRED', 'fail']]);
});

test('a documented requirement that fails is a failure whatever the run', () => {
  const [r] = judgeOutcomes([outcome('CA-ERR-100', 'fail')], () => undefined);
  assert.deepEqual([r!.status, r!.unexpected], ['fail', true]);
});

test('a skip where the requirement declares a precondition is expected; any other skip still is not', () => {
  const results = judgeOutcomes([outcome('CA-REPLACE-KEEPALIVE', 'skip'), outcome('CA-REPLACE', 'skip')], () => undefined);
  const keepAlive = results.find((r) => r.requirement === 'CA-REPLACE-KEEPALIVE')!;
  assert.deepEqual([keepAlive.expected, keepAlive.unexpected], ['skip', false]);
  assert.match(keepAlive.expectationReason ?? '', /^precondition not met: the client keeps connections alive/);
  assert.equal(results.find((r) => r.requirement === 'CA-REPLACE')!.unexpected, true);
  const regenerated = regenerateExpectations(results);
  assert.deepEqual(Object.keys(regenerated[0]!.expectations), ['CA-REPLACE'], 'an unmet precondition is never learnt');
});

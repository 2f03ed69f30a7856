import assert from 'node:assert/strict';
import { test } from 'node:test';
import { teethVerdict, type ResultRow } from './teeth-verdict.js';

const row = (requirement: string, status: string, unexpected: boolean, tests = [{ status }]): ResultRow =>
  ({ requirement, device: 'd', status, unexpected, message: `${status} because\ndetails`, tests });

test('caught: the flagged requirement failed unexpectedly, the rest passed or skipped', () => {
  const v = teethVerdict({ flags: ['CA-REPLACE'] }, [row('CA-REPLACE', 'fail', true), row('CA-REMOVE', 'pass', false), row('CA-MULTI-IOS-FIRST', 'skip', false)]);
  assert.deepEqual(v, { caught: ['CA-REPLACE'], missed: [], collateral: [], passedTests: 1, ok: true });
});

test('missed: a flagged requirement that passed, or never ran', () => {
  const v = teethVerdict({ flags: ['CA-REPLACE', 'CA-APP-LIFETIME'] }, [row('CA-REPLACE', 'pass', false)]);
  assert.deepEqual(v.missed, ['CA-REPLACE', 'CA-APP-LIFETIME']);
  assert.equal(v.ok, false);
});

test('an expected failure (declared in expectations) does not count as caught', () => {
  assert.deepEqual(teethVerdict({ flags: ['CA-REPLACE'] }, [row('CA-REPLACE', 'fail', false)]).missed, ['CA-REPLACE']);
});

test('collateral: other failures and errors, first message line only; mayAlsoFlag excuses timing-dependent ones', () => {
  const rows = [row('CA-REPLACE-KEEPALIVE', 'fail', true), row('CA-REPLACE', 'fail', true), row('CA-REMOVE', 'error', false)];
  assert.deepEqual(teethVerdict({ flags: ['CA-REPLACE-KEEPALIVE'] }, rows).collateral, ['CA-REPLACE: fail (fail because)', 'CA-REMOVE: error (error because)']);
  const excused = teethVerdict({ flags: ['CA-REPLACE-KEEPALIVE'], mayAlsoFlag: { 'CA-REPLACE': 'timing' } }, rows);
  assert.deepEqual(excused.collateral, ['CA-REMOVE: error (error because)']);
});

test('a device where no test passed is not ok, even with every flag caught', () => {
  const v = teethVerdict({ flags: ['CA-APP-LIFETIME'] }, [row('CA-APP-LIFETIME', 'fail', true, [{ status: 'fail' }, { status: 'fail' }])]);
  assert.equal(v.passedTests, 0);
  assert.equal(v.ok, false);
});

const blocked = (requirement: string, by: string[]): ResultRow =>
  ({ requirement, device: 'd', status: 'blocked', unexpected: false, blockedBy: by, tests: [{ status: 'fail' }] });

test('blocked by a flagged requirement is not collateral; blocked by anything else is', () => {
  const rows = [row('CA-REPLACE', 'fail', true), blocked('CA-REPLACE-KEEPALIVE', ['CA-REPLACE']), blocked('CA-REMOVE', ['CA-TLS13']), row('CA-TLS12', 'pass', false)];
  const v = teethVerdict({ flags: ['CA-REPLACE'] }, rows);
  assert.deepEqual(v.caught, ['CA-REPLACE']);
  assert.deepEqual(v.collateral, ['CA-REMOVE: blocked by CA-TLS13']);
});

test('a flag blocked by a mayAlsoFlag root that failed counts as caught; blocked by another flag does not', () => {
  const rows = [row('CA-REPLACE', 'fail', true), blocked('CA-REPLACE-KEEPALIVE', ['CA-REPLACE']), row('CA-TLS12', 'pass', false)];
  assert.deepEqual(teethVerdict({ flags: ['CA-REPLACE-KEEPALIVE'], mayAlsoFlag: { 'CA-REPLACE': 'timing' } }, rows).missed, []);
  assert.deepEqual(teethVerdict({ flags: ['CA-REPLACE', 'CA-REPLACE-KEEPALIVE'] }, rows).missed, ['CA-REPLACE-KEEPALIVE']);
});

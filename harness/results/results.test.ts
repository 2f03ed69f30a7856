import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { aggregateOutcomes, isUnexpected, verdictOf } from './aggregate.js';
import { DuplicateExpectationsError, ExpectationsFileError } from './errors.js';
import { expectationLookup, loadExpectations, parseExpectations, regenerateExpectations, writeExpectationsFiles } from './expectations.js';
import type { TestOutcome } from './types.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-expect-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const outcome = (requirement: string, device: string, status: TestOutcome['status'], title = `[${requirement}] t`): TestOutcome => ({
  requirement, device, status, title, message: status === 'pass' ? '' : `${status} happened\nsecond line`, durationMs: 5,
});

test('unexpected: any difference from the expectation, and errors always', () => {
  assert.equal(isUnexpected('pass', 'pass'), false);
  assert.equal(isUnexpected('fail', 'fail'), false);
  assert.equal(isUnexpected('fail', 'pass'), true);
  assert.equal(isUnexpected('pass', 'fail'), true, 'an unexpected pass fails the run');
  assert.equal(isUnexpected('unimplemented', 'fail'), true);
  assert.equal(isUnexpected('error', 'pass'), true);
});

test('aggregation: the worst test speaks for the requirement, expectations apply per device', () => {
  const lookup = expectationLookup(new Map([
    ['dev-a', parseExpectations({ device: 'dev-a', expectations: { 'CA-REPLACE': { status: 'fail', reason: 'known bug' } } }, 'x')],
  ]));
  const results = aggregateOutcomes([
    outcome('CA-REPLACE', 'dev-a', 'pass'),
    outcome('CA-REPLACE', 'dev-a', 'fail'),
    outcome('CA-REPLACE', 'dev-b', 'fail'),
    outcome('CA-TLS12', 'dev-a', 'skip'),
    outcome('CA-TLS12', 'dev-a', 'pass'),
    outcome('CA-TLS13', 'dev-b', 'fail'),
    outcome('CA-TLS13', 'dev-b', 'error'),
  ], lookup);
  const find = (req: string, dev: string) => results.find((r) => r.requirement === req && r.device === dev)!;
  assert.equal(find('CA-REPLACE', 'dev-a').status, 'fail');
  assert.equal(find('CA-REPLACE', 'dev-a').unexpected, false);
  assert.equal(find('CA-REPLACE', 'dev-a').expectationReason, 'known bug');
  assert.equal(find('CA-REPLACE', 'dev-a').tests.length, 2);
  assert.equal(find('CA-REPLACE', 'dev-b').unexpected, true);
  assert.equal(find('CA-TLS12', 'dev-a').status, 'pass');
  assert.equal(find('CA-TLS13', 'dev-b').status, 'error');
  const verdict = verdictOf(results);
  assert.deepEqual(verdict.counts, { pass: 1, fail: 2, skip: 0, unimplemented: 0, error: 1, blocked: 0, differs: 0 });
  assert.equal(verdict.unexpected, 2);
  assert.equal(verdict.errors, 1);
});

test('parseExpectations rejects unknown IDs, statuses, missing reasons and bad shapes', () => {
  const bad = [
    null, [], { expectations: {} }, { device: 'd' }, { device: 'd', expectations: [] },
    { device: 'd', expectations: { 'CA-NOPE': { status: 'fail', reason: 'r' } } },
    { device: 'd', expectations: { 'CA-REPLACE': { status: 'pass', reason: 'r' } } },
    { device: 'd', expectations: { 'CA-REPLACE': { status: 'error', reason: 'r' } } },
    { device: 'd', expectations: { 'CA-REPLACE': { status: 'fail' } } },
    { device: 'd', expectations: { 'CA-REPLACE': null } },
  ];
  for (const value of bad) {
    assert.throws(() => parseExpectations(value, 'f.json'), (e: unknown) => e instanceof ExpectationsFileError && e.code === 'EXPECTATIONS_INVALID', JSON.stringify(value));
  }
});

test('loadExpectations reads files and folders, rejects duplicates and broken JSON', async () => {
  const folder = join(dir, 'load');
  await mkdir(folder);
  await writeFile(join(folder, 'a.json'), JSON.stringify({ device: 'dev-a', expectations: { 'CA-TLS13': { status: 'skip', reason: 'old OS' } } }));
  await writeFile(join(folder, 'b.json'), JSON.stringify({ device: 'dev-b', expectations: {} }));
  await writeFile(join(folder, 'notes.txt'), 'ignored');
  const loaded = await loadExpectations([folder]);
  assert.deepEqual([...loaded.keys()], ['dev-a', 'dev-b']);
  assert.equal(expectationLookup(loaded)('dev-a', 'CA-TLS13')?.status, 'skip');
  await assert.rejects(loadExpectations([folder, join(folder, 'a.json')]), DuplicateExpectationsError);
  await writeFile(join(dir, 'broken.json'), '{ nope');
  await assert.rejects(loadExpectations([join(dir, 'broken.json')]), ExpectationsFileError);
  await assert.rejects(loadExpectations([join(dir, 'missing.json')]), ExpectationsFileError);
});

test('regenerateExpectations learns fail/unimplemented/skip, keeps reasons, never learns errors', async () => {
  const previous = new Map([
    ['dev-a', parseExpectations({ device: 'dev-a', expectations: {
      'CA-REPLACE': { status: 'fail', reason: 'bug 12' },
      'CA-TLS13': { status: 'skip', reason: 'old OS' },
    } }, 'x')],
  ]);
  const results = aggregateOutcomes([
    outcome('CA-REPLACE', 'dev-a', 'fail'),
    outcome('CA-TLS13', 'dev-a', 'error'),
    outcome('CA-TLS12', 'dev-a', 'pass'),
    outcome('CA-REMOVE', 'dev-a', 'unimplemented'),
    outcome('CA-REMOVE', 'dev-b', 'pass'),
  ], expectationLookup(previous));
  const files = regenerateExpectations(results, previous);
  assert.deepEqual(files, [
    { device: 'dev-a', expectations: {
      'CA-REMOVE': { status: 'unimplemented', reason: 'unimplemented happened second line' },
      'CA-REPLACE': { status: 'fail', reason: 'bug 12' },
      'CA-TLS13': { status: 'skip', reason: 'old OS' },
    } },
    { device: 'dev-b', expectations: {} },
  ]);
  const implied = regenerateExpectations(results, previous, (r) => r.requirement === 'CA-REMOVE');
  assert.equal(implied[0].expectations['CA-REMOVE'], undefined, 'implied results get no entry');
  const written = await writeExpectationsFiles(join(dir, 'out'), files);
  const reread = await loadExpectations(written);
  assert.deepEqual(reread.get('dev-a'), files[0]);
  // The regenerated expectations make the same results expected.
  const again = aggregateOutcomes([outcome('CA-REPLACE', 'dev-a', 'fail'), outcome('CA-REMOVE', 'dev-a', 'unimplemented')], expectationLookup(reread));
  assert.equal(verdictOf(again).unexpected, 0);
});

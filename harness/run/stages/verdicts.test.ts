import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { profileByName } from '../../../devices/profiles/index.js';
import { parseExpectations } from '../../results/expectations.js';
import type { ExpectationsFile, TestOutcome } from '../../results/types.js';
import type { RunDevice } from '../devices-file.js';
import { judgeRun } from './verdicts.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'voltmx-judge-test-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

// Two devices of one profile, told apart by the platform version they ask Appium for.
const device = (name: string, platformVersion: string): RunDevice => ({ name, profile: profileByName('reference-ios'), capabilities: { 'appium:platformVersion': platformVersion } });
const IOS17 = device('iphone-17', '17.4');
const IOS18 = device('iphone-18', '18.1');
const failed = (device: string, requirement: string): TestOutcome => ({ requirement, device, title: `[${requirement}] t`, status: 'fail', message: 'AssertionError: observed', durationMs: 1 });
const files = (...names: string[]): Map<string, ExpectationsFile> => new Map(names.map((name) => [name, parseExpectations({
  device: name, expectations: { 'CA-REPLACE': { status: 'fail', reason: 'SecPKCS12Import before iOS 18', when: { platformVersion: '<18' } } },
}, 'test')]));
const outcomes = [failed('iphone-17', 'CA-REPLACE'), failed('iphone-18', 'CA-REPLACE')];
const judged = (results: readonly { device: string; requirement: string; unexpected: boolean }[], name: string) =>
  results.find((r) => r.device === name && r.requirement === 'CA-REPLACE')?.unexpected;

test('a version-conditioned expectation holds only where its condition does', async () => {
  const { results, updatedExpectations } = await judgeRun({ outcomes, devices: [IOS17, IOS18], specs: [], expectations: files('iphone-17', 'iphone-18'), grep: 'CA-REPLACE' });
  assert.equal(judged(results, 'iphone-17'), false, 'iOS 17: the failure is expected');
  assert.equal(judged(results, 'iphone-18'), true, 'iOS 18: the entry does not apply, the failure is unexpected');
  assert.deepEqual(updatedExpectations, []);
});

test('--update-expectations judges its second pass with the same conditions, and records what a later run judges', async () => {
  const target = join(dir, 'updated');
  const first = await judgeRun({ outcomes, devices: [IOS17, IOS18], specs: [], expectations: files('iphone-17', 'iphone-18'), grep: 'CA-REPLACE', updateExpectationsIn: () => target });
  assert.equal(first.updatedExpectations.length, 2);
  const written = new Map<string, ExpectationsFile>();
  for (const path of first.updatedExpectations) {
    const file = parseExpectations(JSON.parse(await readFile(path, 'utf8')), path);
    written.set(file.device, file);
  }
  // Where the condition held, the entry (and its condition) is kept; where it did not, what was observed replaces it.
  assert.deepEqual(written.get('iphone-17')?.expectations['CA-REPLACE']?.when, { platformVersion: '<18' });
  assert.equal(written.get('iphone-18')?.expectations['CA-REPLACE']?.when, undefined);
  assert.equal(written.get('iphone-18')?.expectations['CA-REPLACE']?.status, 'fail');
  // A later run judging the written files reaches the verdict this run reported.
  const later = await judgeRun({ outcomes, devices: [IOS17, IOS18], specs: [], expectations: written, grep: 'CA-REPLACE' });
  for (const name of ['iphone-17', 'iphone-18']) assert.equal(judged(first.results, name), judged(later.results, name), name);
  assert.equal(judged(first.results, 'iphone-18'), false);
});

test('the second pass of --update-expectations does not apply a kept entry whose condition fails on the device', async () => {
  // An error is no baseline: the previous entry is kept, condition and all, and still does not hold on iOS 18.
  const errored: TestOutcome = { ...failed('iphone-18', 'CA-REPLACE'), status: 'error', message: 'session lost' };
  const { results, updatedExpectations } = await judgeRun({ outcomes: [errored], devices: [IOS18], specs: [], expectations: files('iphone-18'), grep: 'CA-REPLACE', updateExpectationsIn: () => join(dir, 'kept') });
  const file = parseExpectations(JSON.parse(await readFile(updatedExpectations[0]!, 'utf8')), 'kept');
  assert.deepEqual(file.expectations['CA-REPLACE']?.when, { platformVersion: '<18' });
  const result = results.find((r) => r.requirement === 'CA-REPLACE')!;
  assert.equal(result.expected, 'pass', 'the iOS < 18 entry is not what this iOS 18 device expects');
  assert.equal(result.expectationReason, null);
});

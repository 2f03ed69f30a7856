import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectationLookup, parseExpectations } from '../results/expectations.js';
import { runExpectations } from './run-expectations.js';

test('requirements of another platform are expected to skip unless a file says otherwise', () => {
  const files = expectationLookup(new Map([['ios-x', parseExpectations({ device: 'ios-x', expectations: { 'CA-REMOVE': { status: 'fail', reason: 'declared' } } }, 't')]]));
  const lookup = runExpectations(files, (d) => (d.startsWith('ios') ? 'ios' : d.startsWith('android') ? 'android' : null));
  assert.equal(lookup('ios-y', 'CA-REMOVE')?.status, 'skip');
  assert.equal(lookup('ios-y', 'CA-MULTI-ANDROID-BY-CA')?.status, 'skip');
  assert.equal(lookup('ios-x', 'CA-REMOVE')?.status, 'fail', 'the file wins');
  assert.equal(lookup('android-z', 'CA-REMOVE'), undefined, 'applies: pass expected');
  assert.equal(lookup('android-z', 'CA-MULTI-IOS-FIRST')?.status, 'skip');
  assert.equal(lookup('unknown', 'CA-REMOVE'), undefined, 'no platform, no guess');
});

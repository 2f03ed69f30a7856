import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { conditionalLookup, conditionProblem, versionMatches } from './conditions.js';
import { expectationLookup, loadExpectations, parseExpectations } from './expectations.js';
import { ExpectationsFileError } from './errors.js';

test('platform version ranges: one or several comparisons on dotted numbers; unknown versions match nothing', () => {
  assert.equal(versionMatches('<18', '17.5'), true);
  assert.equal(versionMatches('<18', '18.0'), false);
  assert.equal(versionMatches('>=17 <18', '17'), true);
  assert.equal(versionMatches('>=17 <18', '16.4.1'), false);
  assert.equal(versionMatches('=14', '14.0'), true);
  assert.equal(versionMatches('<18', null), false);
  assert.equal(conditionProblem({ platformVersion: '<18' }), null);
  assert.match(conditionProblem({ platformVersion: 'ios 17' }) ?? '', /comparisons/);
  assert.match(conditionProblem({ product: 'x' }) ?? '', /knows only platformVersion/);
});

test('an entry with "when" applies only where its condition holds; a bad condition is a file error', () => {
  const file = parseExpectations({ device: 'ios-simulator', expectations: { 'CA-PKCS12-MODERN': { status: 'fail', reason: 'iOS 17', when: { platformVersion: '<18' } } } }, 'x');
  const lookup = expectationLookup(new Map([['ios-simulator', file]]));
  assert.equal(conditionalLookup(lookup, () => '17.5')('ios-simulator', 'CA-PKCS12-MODERN')?.status, 'fail');
  assert.equal(conditionalLookup(lookup, () => '18.1')('ios-simulator', 'CA-PKCS12-MODERN'), undefined);
  assert.equal(conditionalLookup(lookup, () => null)('ios-simulator', 'CA-PKCS12-MODERN'), undefined);
  assert.throws(() => parseExpectations({ device: 'd', expectations: { 'CA-REPLACE': { status: 'fail', reason: 'r', when: { platformVersion: 'seventeen' } } } }, 'x'), ExpectationsFileError);
});

test('the README CI examples exist: expectations/android.json and expectations/ios.json, every entry with a reason', async () => {
  const root = fileURLToPath(new URL('../../expectations/', import.meta.url));
  const files = await loadExpectations([`${root}android.json`, `${root}ios.json`]);
  assert.deepEqual([...files.keys()].sort(), ['android-emulator', 'ios-simulator']);
  for (const file of files.values()) for (const entry of Object.values(file.expectations)) assert.ok(entry.reason.length > 20);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequirementResult } from '../results/types.js';
import { rerunLine, withRerunLines } from './rerun.js';

test('a rerun line names the device and the requirement and repeats the run options, shell-quoted', () => {
  assert.equal(rerunLine('reference-android', 'CA-REPLACE'), 'npx voltmx-conformance run --device reference-android --requirement CA-REPLACE');
  assert.equal(rerunLine('android-emulator', 'CA-TLS13', ['--expectations', 'my dir/android.json', '--servers', 'nginx']),
    "npx voltmx-conformance run --device android-emulator --requirement CA-TLS13 --expectations 'my dir/android.json' --servers nginx");
});

test('only unexpected results on CLI devices get one', () => {
  const base = { expected: 'pass' as const, expectationReason: null, message: '', observation: null, clientResult: null, serverLog: null, tests: [] };
  const results: RequirementResult[] = [
    { ...base, requirement: 'CA-REPLACE', device: 'reference-ios', status: 'fail', unexpected: true },
    { ...base, requirement: 'CA-TLS12', device: 'reference-ios', status: 'pass', unexpected: false },
    { ...base, requirement: 'CA-TLS13', device: 'hosted@ios', status: 'fail', unexpected: true },
  ];
  const out = withRerunLines(results, [], (d) => d === 'reference-ios');
  assert.deepEqual(out.map((r) => r.rerun ?? null), ['npx voltmx-conformance run --device reference-ios --requirement CA-REPLACE', null, null]);
});

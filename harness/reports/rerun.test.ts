import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequirementResult } from '../results/types.js';
import { devicesFileDevice, profileDevice, rerunLine, shellWord, withRerunLines } from './rerun.js';

test('a rerun line names the device and the requirement and repeats the run options, shell-quoted', () => {
  assert.equal(rerunLine(profileDevice('reference-android'), 'CA-REPLACE'), 'npx voltmx-conformance run --device reference-android --requirement CA-REPLACE');
  assert.equal(rerunLine(profileDevice('android-emulator'), 'CA-TLS13', ['--expectations', 'my dir/android.json', '--servers', 'nginx']),
    "npx voltmx-conformance run --device android-emulator --requirement CA-TLS13 --expectations 'my dir/android.json' --servers nginx");
});

test('a device of a devices file: the file as given and --only-device with its name', () => {
  assert.equal(rerunLine(devicesFileDevice('farm/devices.json', 'pixel-8.api34'), 'CA-REPLACE', ['--implementation', './my runtime.ts']),
    "npx voltmx-conformance run --devices farm/devices.json --only-device pixel-8.api34 --requirement CA-REPLACE --implementation './my runtime.ts'");
  assert.equal(rerunLine(devicesFileDevice("it's here/d.json", 'x'), 'CA-TLS13'), "npx voltmx-conformance run --devices 'it'\\''s here/d.json' --only-device x --requirement CA-TLS13");
});

test('shellWord: safe words as they are; anything else single-quoted, quotes escaped', () => {
  assert.equal(shellWord('--pki=../pki'), '--pki=../pki');
  assert.equal(shellWord('a b'), "'a b'");
  assert.equal(shellWord('$HOME'), "'$HOME'");
  assert.equal(shellWord(''), "''");
  assert.equal(shellWord("o'k"), "'o'\\''k'");
});

test('only unexpected results on devices the selector knows get one, each with its own device arguments', () => {
  const base = { expected: 'pass' as const, expectationReason: null, message: '', observation: null, clientResult: null, serverLog: null, tests: [] };
  const results: RequirementResult[] = [
    { ...base, requirement: 'CA-REPLACE', device: 'reference-ios', status: 'fail', unexpected: true },
    { ...base, requirement: 'CA-TLS12', device: 'reference-ios', status: 'pass', unexpected: false },
    { ...base, requirement: 'CA-TLS13', device: 'phone-2', status: 'fail', unexpected: true },
    { ...base, requirement: 'CA-TLS13', device: 'built-by-a-program', status: 'fail', unexpected: true },
  ];
  const select = (d: string) => (d === 'reference-ios' ? profileDevice(d) : d === 'phone-2' ? devicesFileDevice('d.json', d) : undefined);
  const out = withRerunLines(results, ['--servers', 'nginx'], select);
  assert.deepEqual(out.map((r) => r.rerun ?? null), [
    'npx voltmx-conformance run --device reference-ios --requirement CA-REPLACE --servers nginx',
    null,
    'npx voltmx-conformance run --devices d.json --only-device phone-2 --requirement CA-TLS13 --servers nginx',
    null,
  ]);
});

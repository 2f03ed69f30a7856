import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../parse-command-line.js';
import { rerunArgsOf, rerunDeviceOf } from './rerun-args.js';

/** The values `run` gets for this command line, through the real parser. */
function valuesOf(args: string[]) {
  const parsed = parseCommandLine(['run', ...args]);
  assert.equal(parsed.kind, 'command');
  return parsed.values;
}

test('the defaults repeat nothing', () => {
  assert.deepEqual(rerunArgsOf(valuesOf([])), []);
  assert.deepEqual(rerunArgsOf(valuesOf(['--servers', 'embedded', '--bind', '127.0.0.1'])), []);
});

test('what changes behaviour or environment is kept, as given; the selection and this run\'s output are not', () => {
  const values = valuesOf([
    '--devices', 'lab/devices.json', '--only-device', 'a', '--shard', '2/3', '--grep', 'TLS', '--report-dir', 'out', '--keep-pki', '--update-expectations',
    '--servers', 'nginx', '--implementation', 'runtimes/my runtime.ts', '--expectations', 'exp/android.json', '--expectations', 'exp/ios',
    '--pki', '--bind', '0.0.0.0', '--host', 'build-host.lan', '--host', '192.168.1.20', '--ports', '40000-40099', '--adb-reverse',
    '--appium-url', 'http://127.0.0.1:4723/',
  ]);
  assert.deepEqual(rerunArgsOf(values), [
    '--servers', 'nginx', '--implementation', 'runtimes/my runtime.ts', '--expectations', 'exp/android.json', '--expectations', 'exp/ios',
    '--pki', '--bind', '0.0.0.0', '--host', 'build-host.lan', '--host', '192.168.1.20', '--ports', '40000-40099', '--adb-reverse',
    '--appium-url', 'http://127.0.0.1:4723/',
  ]);
});

test('--pki with a folder stays one word (a bare --pki would take the next argument otherwise)', () => {
  assert.deepEqual(rerunArgsOf(valuesOf(['--pki', '../pki'])), ['--pki=../pki']);
  assert.deepEqual(rerunArgsOf(valuesOf(['--pki=../pki'])), ['--pki=../pki']);
  // What the rerun line says parses back to the same setting.
  assert.equal(valuesOf(['--pki', '--requirement', 'CA-REPLACE']).pki, '');
});

test('an Appium URL\'s credentials never reach the rerun line', () => {
  const args = rerunArgsOf(valuesOf(['--appium-url', 'https://alice:s3cret-key@hub.example.test/wd/hub']));
  assert.deepEqual(args, ['--appium-url', 'https://hub.example.test/wd/hub']);
  assert.doesNotMatch(args.join(' '), /s3cret|alice/);
});

test('the device: --device <profile>, or the devices file as given with --only-device', () => {
  assert.deepEqual(rerunDeviceOf(valuesOf(['--device', 'reference-ios']))('reference-ios'), ['--device', 'reference-ios']);
  assert.deepEqual(rerunDeviceOf(valuesOf([]))('reference-android'), ['--device', 'reference-android']);
  // A file device named like a profile is still the file's device (its capabilities, its host).
  const fromFile = rerunDeviceOf(valuesOf(['--devices', '../lab/devices.json']));
  assert.deepEqual(fromFile('reference-ios'), ['--devices', '../lab/devices.json', '--only-device', 'reference-ios']);
  assert.deepEqual(fromFile('pixel-8'), ['--devices', '../lab/devices.json', '--only-device', 'pixel-8']);
});

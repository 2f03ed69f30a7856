import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceAppId, deviceCapabilities, DevicesFileError, ownHost, parseDevicesFile } from './devices-file.js';
import { pushPathFor } from '../../devices/profiles/index.js';
import { parseShard, shardSpecs, ShardOptionError } from './shard.js';

const invalid = (value: unknown, pattern: RegExp) => assert.throws(() => parseDevicesFile(value, 'lab.json'), (e: unknown) => e instanceof DevicesFileError && e.code === 'DEVICES_INVALID' && pattern.test(e.message));

test('a devices file: named instances of profiles, capabilities merged over the profile\'s, own host', () => {
  const devices = parseDevicesFile([
    { name: 'pixel-1', profile: 'reference-android', capabilities: { 'appium:udid': 'emulator-5554', 'appium:systemPort': 8201 } },
    { name: 'pixel-2', profile: 'reference-android', host: 'fe80::1' },
    { name: 'iphone', profile: 'reference-ios' },
  ], 'lab.json');
  assert.deepEqual(devices.map((d) => [d.name, d.profile.name]), [['pixel-1', 'reference-android'], ['pixel-2', 'reference-android'], ['iphone', 'reference-ios']]);
  const caps = deviceCapabilities(devices[0]!, ['PEM']);
  assert.equal(caps['appium:udid'], 'emulator-5554');
  assert.equal(caps['appium:automationName'], 'VoltmxReference');
  assert.deepEqual(caps['voltmx:trustCa'], ['PEM']);
  assert.equal(caps['voltmx:device'], 'pixel-1');
  assert.equal(ownHost(devices[1]!), '[fe80::1]');
  assert.equal(ownHost(devices[2]!), undefined);
});

test('a devices file is checked in full: duplicates, unknown profiles, bad capabilities, bad names and hosts', () => {
  invalid({ name: 'a' }, /JSON array/);
  invalid([], /no devices/);
  invalid([{ name: 'a', profile: 'reference-ios' }, { name: 'a', profile: 'reference-android' }], /duplicate device name "a"/);
  invalid([{ name: 'a', profile: 'pixel-9' }], /unknown profile "pixel-9"/);
  invalid([{ name: 'a b', profile: 'reference-ios' }], /"name"/);
  invalid([{ name: '../a', profile: 'reference-ios' }], /"name"/);
  invalid([{ name: 'a', profile: 'reference-ios', capabilities: [] }], /must be a JSON object/);
  invalid([{ name: 'a', profile: 'reference-ios', capabilities: { udid: 'x' } }], /"udid" is neither a W3C capability nor vendor-prefixed/);
  invalid([{ name: 'a', profile: 'reference-ios', capabilities: { 'voltmx:device': 'b' } }], /set by the harness/);
  invalid([{ name: 'a', profile: 'reference-ios', capabilities: { platformName: 3 } }], /platformName/);
  invalid([{ name: 'a', profile: 'reference-ios', host: 'not a host' }], /"host"/);
  invalid([{ name: 'a', profile: 'reference-ios', udid: 'x' }], /unknown field "udid"/);
});

test('--shard: every spec file in exactly one shard, the same split whatever the folder', () => {
  const files = ['/x/specs/c.spec.ts', '/x/specs/a.spec.ts', '/x/specs/b.spec.ts', '/x/specs/e.spec.ts', '/x/specs/d.spec.ts'];
  const shards = [1, 2, 3].map((index) => shardSpecs(files, { index, count: 3 }));
  assert.deepEqual(shards[0], ['/x/specs/a.spec.ts', '/x/specs/d.spec.ts']);
  assert.deepEqual(shards.flat().sort(), [...files].sort());
  assert.deepEqual(shardSpecs(files.map((f) => f.replace('/x/', '/elsewhere/')).reverse(), { index: 1, count: 3 }), ['/elsewhere/specs/a.spec.ts', '/elsewhere/specs/d.spec.ts']);
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
  for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1', '1/2/3']) assert.throws(() => parseShard(bad), ShardOptionError, bad);
});

test('several emulators and simulators: each device\'s app id from its own capabilities; a real iPhone\'s push layout', () => {
  const devices = parseDevicesFile([
    { name: 'pixel-a', profile: 'android-emulator', capabilities: { 'appium:udid': 'emulator-5554', 'appium:appPackage': 'com.example.build.a' } },
    { name: 'pixel-b', profile: 'android-emulator', capabilities: { 'appium:options': { udid: 'emulator-5556', appPackage: 'com.example.build.b' } } },
    { name: 'pixel-c', profile: 'android-emulator' },
    { name: 'iphone-real', profile: 'ios-simulator', pushLayout: 'ios-documents', capabilities: { 'appium:bundleId': 'com.example.ios' } },
  ], 'lab.json');
  assert.deepEqual(devices.map(deviceAppId), ['com.example.build.a', 'com.example.build.b', devices[2]!.profile.appId, 'com.example.ios']);
  assert.equal(devices[3]!.pushLayout, 'ios-documents');
  assert.equal(pushPathFor('ios-documents', 'com.example.ios', 'id.p12'), '@com.example.ios:documents/id.p12');
  assert.equal(pushPathFor('ios-documents', 'com.example.ios', 'id.p12', '/var/mobile/Containers/Data/Application/A-1/Documents/certs'), '@com.example.ios:documents/certs/id.p12');
  invalid([{ name: 'x', profile: 'android-emulator', pushLayout: 'ios-documents' }], /"pushLayout" ios-documents is for ios devices, not android/);
  invalid([{ name: 'x', profile: 'ios-simulator', pushLayout: 'icloud' }], /"pushLayout" must be one of sandbox, android-app-data, ios-app-container, ios-documents/);
});

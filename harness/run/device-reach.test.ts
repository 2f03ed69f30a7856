import assert from 'node:assert/strict';
import { test } from 'node:test';
import { androidEmulator, iosSimulator, referenceAndroid } from '../../devices/profiles/index.js';
import { recordingRunner } from '../../devices/testing/recording-runner.js';
import { adbSerialProblem, deviceHost, needsPreparation, prepareDevices, udidOf } from './device-reach.js';

const android = androidEmulator({}, {});
const ios = iosSimulator({}, { VOLTMX_IOS_UDID: 'SIM-1' });

test('the host devices put in URLs: the profile\'s alias, the first --host, localhost with adb reverse', () => {
  assert.equal(deviceHost(android, {}), '10.0.2.2');
  assert.equal(deviceHost(referenceAndroid(), {}), 'localhost');
  assert.equal(deviceHost(android, { hosts: ['lab.example', '192.0.2.4'] }), 'lab.example');
  assert.equal(deviceHost(referenceAndroid(), { hosts: ['fd00::5'] }), '[fd00::5]');
  assert.equal(deviceHost(android, { hosts: ['lab.example'], adbReverse: true }), 'localhost');
  assert.equal(deviceHost(ios, { adbReverse: true }), 'localhost');
});

// adb and xcrun cannot exist on this machine: their command lines are recorded.
test('preparation: adb reverse for every fleet port, the server CA into the simulator; undo removes the forwards', async () => {
  const asDevice = (profile: typeof android) => ({ name: profile.name, profile });
  assert.equal(needsPreparation({ devices: [asDevice(android), asDevice(referenceAndroid())] }), false);
  assert.equal(needsPreparation({ devices: [asDevice(android)], adbReverse: true }), true);
  assert.equal(needsPreparation({ devices: [asDevice(ios)] }), true);
  const runner = recordingRunner();
  const lines: string[] = [];
  const undo = await prepareDevices({
    devices: [android, ios, referenceAndroid()].map(asDevice), adbReverse: true, ports: [9000, 9001], serverCaPath: '/run/server-ca.crt',
    log: (l) => lines.push(l), runner, env: {},
  });
  assert.deepEqual(runner.calls, [
    'adb reverse tcp:9000 tcp:9000', 'adb reverse tcp:9001 tcp:9001',
    'xcrun simctl bootstatus SIM-1 -b', 'xcrun simctl keychain SIM-1 add-root-cert /run/server-ca.crt',
  ]);
  await undo();
  assert.deepEqual(runner.calls.slice(4), ['adb reverse --remove tcp:9000', 'adb reverse --remove tcp:9001']);
  assert.equal(lines.length, 2);
});

test('a failing step undoes the earlier ones and rejects', async () => {
  const runner = recordingRunner('keychain');
  await assert.rejects(prepareDevices({
    devices: [android, ios].map((profile) => ({ name: profile.name, profile })), adbReverse: true, ports: [9000], serverCaPath: '/run/server-ca.crt', log: () => {}, runner, env: {},
  }), /keychain SIM-1 add-root-cert/);
  assert.equal(runner.calls.at(-1), 'adb reverse --remove tcp:9000');
});

test('several emulators and simulators on one machine: adb reverse -s per serial, the CA into each simulator named by its udid', async () => {
  const simulator = iosSimulator({}, {});
  const devices = [
    { name: 'pixel-a', profile: android, udid: udidOf({ 'appium:udid': 'emulator-5554' }) },
    { name: 'pixel-b', profile: android, udid: udidOf({ 'appium:options': { udid: 'emulator-5556' } }) },
    { name: 'iphone-a', profile: simulator, udid: 'SIM-A' },
    { name: 'iphone-b', profile: simulator, udid: 'SIM-B' },
  ];
  const runner = recordingRunner();
  const lines: string[] = [];
  const undo = await prepareDevices({ devices, adbReverse: true, ports: [9000], serverCaPath: '/run/server-ca.crt', log: (l) => lines.push(l), runner, env: {} });
  assert.deepEqual(runner.calls, [
    'adb -s emulator-5554 reverse tcp:9000 tcp:9000', 'adb -s emulator-5556 reverse tcp:9000 tcp:9000',
    'xcrun simctl bootstatus SIM-A -b', 'xcrun simctl keychain SIM-A add-root-cert /run/server-ca.crt',
    'xcrun simctl bootstatus SIM-B -b', 'xcrun simctl keychain SIM-B add-root-cert /run/server-ca.crt',
  ]);
  assert.match(lines.join('\n'), /iphone-b: server CA added to simulator SIM-B/);
  await undo();
  assert.deepEqual(runner.calls.slice(6).sort(), ['adb -s emulator-5554 reverse --remove tcp:9000', 'adb -s emulator-5556 reverse --remove tcp:9000']);
  // Two emulators and one without its serial: adb would say "more than one device"; the run says the fix first.
  const unnamed = [devices[0]!, { name: 'pixel-c', profile: android }];
  assert.match(adbSerialProblem(unnamed, true) ?? '', /give each its adb serial as "appium:udid".*missing for pixel-c/);
  assert.equal(adbSerialProblem(unnamed, false), null);
  const none = recordingRunner();
  await assert.rejects(prepareDevices({ devices: unnamed, adbReverse: true, ports: [9000], serverCaPath: '/x', log: () => {}, runner: none, env: {} }), /missing for pixel-c/);
  assert.deepEqual(none.calls, []);
});

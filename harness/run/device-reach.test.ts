import assert from 'node:assert/strict';
import { test } from 'node:test';
import { androidEmulator, iosSimulator, referenceAndroid } from '../../devices/profiles/index.js';
import { recordingRunner } from '../../devices/test-support/recording-runner.js';
import { deviceHost, needsPreparation, prepareDevices } from './device-reach.js';

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
  assert.equal(needsPreparation({ profiles: [android, referenceAndroid()] }), false);
  assert.equal(needsPreparation({ profiles: [android], adbReverse: true }), true);
  assert.equal(needsPreparation({ profiles: [ios] }), true);
  const runner = recordingRunner();
  const lines: string[] = [];
  const undo = await prepareDevices({
    profiles: [android, ios, referenceAndroid()], adbReverse: true, ports: [9000, 9001], serverCaPath: '/run/server-ca.crt',
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
    profiles: [android, ios], adbReverse: true, ports: [9000], serverCaPath: '/run/server-ca.crt', log: () => {}, runner, env: {},
  }), /keychain SIM-1 add-root-cert/);
  assert.equal(runner.calls.at(-1), 'adb reverse --remove tcp:9000');
});

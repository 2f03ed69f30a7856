import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeAppiumLog } from './appium-log.js';

// Lines as Appium 3 writes them (from a real run's appium.log, bodies shortened).
const LOG = [
  '[HTTP] --> POST /session {"capabilities":{"alwaysMatch":{"platformName":"Android"}}}',
  '[HTTP] <-- POST /session 200 136 ms - 1459',
  '[HTTP] <-- POST /session 500 12 ms - 88',
  '[bdc3225a][HTTP] --> POST /session/bdc3225a/appium/device/terminate_app {"appId":"x"}',
  '[HTTP] <-- POST /session/bdc3225a/appium/device/terminate_app 200 60 ms - 14',
  '[HTTP] <-- POST /session 200 29 ms - 1451',
  '[63a0090e][HTTP] <-- DELETE /session/63a0090e-3a8a-48b9 200 4 ms - 14',
  '[AppiumDriver@1] some driver line mentioning POST /session 200 999 ms',
].join('\n');

// A session's capabilities and id as BaseDriver logs them, then its requests.
const DEVICE_LOG = [
  '[VoltmxReferenceDriver@fc6e] Creating session with W3C capabilities: {',
  '  "alwaysMatch": {',
  '    "platformName": "Android",',
  '    "voltmx:device": "reference-android",',
  '[VoltmxReferenceDriver@7696] Creating session with W3C capabilities: {',
  '    "voltmx:device": "reference-ios",',
  '[bd1f0c87][VoltmxReferenceDriver@fc6e] Session created with session id: bd1f0c87-28d4',
  '[HTTP] <-- POST /session 200 163 ms - 1451',
  '[882cae1b][VoltmxReferenceDriver@7696] Session created with session id: 882cae1b-1387',
  '[HTTP] <-- POST /session 200 170 ms - 1459',
  '[bd1f0c87][HTTP] <-- POST /session/bd1f0c87-28d4/element 200 3 ms - 105',
  '[bd1f0c87][HTTP] <-- GET /session/bd1f0c87-28d4/element/voltmx.result/text 200 1 ms - 40',
  '[882cae1b][HTTP] <-- POST /session/882cae1b-1387/appium/device/terminate_app 200 1 ms - 14',
  '[ffffffff][HTTP] <-- POST /session/ffffffff-0000/element 404 1 ms - 14',
].join('\n');

test('summarizeAppiumLog: session create and delete times, every answered request counted', () => {
  const summary = summarizeAppiumLog(LOG);
  assert.deepEqual(summary.sessionCreateMs, [136, 29], 'only POST /session answered 200');
  assert.equal(summary.sessionsCreated, 2);
  assert.deepEqual(summary.sessionDeleteMs, [4]);
  assert.equal(summary.commands, 5);
  assert.equal(summary.commandsMs, 136 + 12 + 60 + 29 + 4);
  assert.deepEqual(summarizeAppiumLog(''), { sessionsCreated: 0, sessionCreateMs: [], sessionDeleteMs: [], commands: 0, commandsMs: 0, perDevice: {} });
});

test('summarizeAppiumLog: requests and sessions per device, from the voltmx:device capability', () => {
  const summary = summarizeAppiumLog(DEVICE_LOG);
  assert.deepEqual(summary.perDevice, {
    'reference-android': { requests: 3, sessions: 1 },
    'reference-ios': { requests: 2, sessions: 1 },
  });
  assert.equal(summary.commands, 6, 'an unattributed session still counts in the total');
});

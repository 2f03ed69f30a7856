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

test('summarizeAppiumLog: session create and delete times, every answered request counted', () => {
  const summary = summarizeAppiumLog(LOG);
  assert.deepEqual(summary.sessionCreateMs, [136, 29], 'only POST /session answered 200');
  assert.equal(summary.sessionsCreated, 2);
  assert.deepEqual(summary.sessionDeleteMs, [4]);
  assert.equal(summary.commands, 5);
  assert.equal(summary.commandsMs, 136 + 12 + 60 + 29 + 4);
  assert.deepEqual(summarizeAppiumLog(''), { sessionsCreated: 0, sessionCreateMs: [], sessionDeleteMs: [], commands: 0, commandsMs: 0 });
});

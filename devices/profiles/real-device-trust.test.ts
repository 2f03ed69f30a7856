import assert from 'node:assert/strict';
import { test } from 'node:test';
import { androidEmulator, iosSimulator, referenceAndroid, referenceIos } from './index.js';

test('real-device profiles trust a built-in CA (persistent PKI); the iOS simulator udid comes from VOLTMX_IOS_UDID', () => {
  assert.equal(androidEmulator({}, {}).trustsBuiltInCa, true);
  assert.equal(iosSimulator({}, {}).trustsBuiltInCa, true);
  assert.equal(referenceAndroid().trustsBuiltInCa, undefined);
  assert.equal(referenceIos().trustsBuiltInCa, undefined);
  const ios = iosSimulator({}, { VOLTMX_IOS_UDID: 'A1B2-C3' });
  assert.equal(ios.simulatorUdid, 'A1B2-C3');
  assert.equal(ios.capabilities({ trustCa: [] })['appium:udid'], 'A1B2-C3');
  assert.equal(iosSimulator({}, {}).simulatorUdid, undefined);
});

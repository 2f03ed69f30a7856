import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionTimeoutFrom, androidEmulator, InvalidActionTimeoutError, iosSimulator, profileByName, PROFILE_NAMES, UnknownProfileError } from './index.js';

describe('device profiles', () => {
  it('give W3C capabilities with vendor prefixes for every profile', () => {
    for (const name of PROFILE_NAMES) {
      const caps = profileByName(name).capabilities({ trustCa: [] });
      assert.match(String(caps.platformName), /^(Android|iOS)$/);
      for (const key of Object.keys(caps)) if (key !== 'platformName') assert.match(key, /^(appium|voltmx):/, `${name}: ${key}`);
    }
    assert.throws(() => profileByName('windows-phone'), UnknownProfileError);
  });

  it('take emulator and simulator settings from the environment', () => {
    const android = androidEmulator({}, { VOLTMX_ANDROID_APP: '/apps/c.apk', VOLTMX_ANDROID_AVD: 'Pixel', VOLTMX_ANDROID_PLATFORM_VERSION: '14' });
    assert.deepEqual(android.capabilities({ trustCa: [] }), {
      platformName: 'Android', 'appium:automationName': 'UiAutomator2', 'appium:appPackage': 'com.hcl.voltmx.conformance',
      'appium:app': '/apps/c.apk', 'appium:avd': 'Pixel', 'appium:platformVersion': '14',
    });
    assert.equal(android.pushPath('a.p12'), '@com.hcl.voltmx.conformance/files/a.p12');
    assert.equal(android.pushPath('a.p12', '/data/user/0/com.hcl.voltmx.conformance/app_files/'), '@com.hcl.voltmx.conformance/app_files/a.p12', 'where the app says its data directory is');
    assert.equal(android.actionTimeoutMs, 60_000);
    assert.equal(android.hostAlias, '10.0.2.2');
    const ios = iosSimulator({ bundleId: 'com.example.app' }, {});
    assert.equal(ios.pushPath('a.p12'), '@com.example.app:data/Documents/a.p12');
    assert.equal(ios.pushPath('a.p12', '/Users/x/Library/Developer/CoreSimulator/Devices/D/data/Containers/Data/Application/U/Library/Application Support'), '@com.example.app:data/Library/Application Support/a.p12');
    assert.equal(ios.hostAlias, 'localhost');
    assert.equal(profileByName('reference-ios').hostAlias, 'localhost');
  });
});

describe('action timeouts', () => {
  it('are a profile setting: real devices get more; VOLTMX_ACTION_TIMEOUT_MS overrides, checked', () => {
    assert.equal(profileByName('reference-android').actionTimeoutMs, 20_000);
    assert.ok(iosSimulator({}, {}).actionTimeoutMs > profileByName('reference-ios').actionTimeoutMs);
    assert.equal(androidEmulator({}, { VOLTMX_ACTION_TIMEOUT_MS: '120000' }).actionTimeoutMs, 120_000);
    assert.equal(actionTimeoutFrom({}, 5_000), 5_000);
    assert.throws(() => actionTimeoutFrom({ VOLTMX_ACTION_TIMEOUT_MS: 'soon' }, 5_000), InvalidActionTimeoutError);
    assert.throws(() => actionTimeoutFrom({ VOLTMX_ACTION_TIMEOUT_MS: '10' }, 5_000), InvalidActionTimeoutError);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { androidEmulator, iosSimulator, profileByName, PROFILE_NAMES, UnknownProfileError } from './index.js';

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
    assert.equal(android.hostAlias, '10.0.2.2');
    const ios = iosSimulator({ bundleId: 'com.example.app' }, {});
    assert.equal(ios.pushPath('a.p12'), '@com.example.app:data/Documents/a.p12');
    assert.equal(ios.hostAlias, 'localhost');
    assert.equal(profileByName('reference-ios').hostAlias, 'localhost');
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REFERENCE_DRIVER_DIR } from '../appium-server/appium-home.js';
import { formatDoctorReport, runDoctor, type DoctorReport } from './index.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'devices-doctor-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const withoutAndroid = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, APPIUM_HOME: join(dir, 'empty-appium-home') };
  delete env.ANDROID_HOME;
  delete env.ANDROID_SDK_ROOT;
  return env;
};

const profile = (report: DoctorReport, name: string) => report.profiles.find((p) => p.profile === name)!;

describe('doctor', () => {
  it('says plainly that there is no Android SDK, and that the reference profiles are ready', async () => {
    const report = await runDoctor({ env: withoutAndroid(), platform: 'linux' });
    assert.equal(profile(report, 'reference-android').ready, true);
    assert.equal(profile(report, 'reference-ios').ready, true);
    const android = profile(report, 'android-emulator');
    assert.equal(android.ready, false);
    const sdk = android.gaps.find((g) => g.id === 'android-sdk');
    assert.match(sdk?.detail ?? '', /no Android SDK/);
    assert.match(sdk?.fix ?? '', /ANDROID_HOME/);
    assert.match(android.gaps.find((g) => g.id === 'driver-uiautomator2')?.fix ?? '', /^npx appium driver install uiautomator2$/);
    const text = formatDoctorReport(report);
    assert.match(text, /android-emulator: NOT READY/);
    assert.match(text, /reference-android: ready/);
    assert.match(text, /fix: npx appium driver install uiautomator2/);
  });

  it('needs macOS for the iOS simulator profile', async () => {
    const report = await runDoctor({ env: withoutAndroid(), platform: 'linux' });
    const ios = profile(report, 'ios-simulator');
    assert.equal(ios.ready, false);
    assert.deepEqual(ios.gaps.map((g) => g.id), ['driver-xcuitest', 'macos', 'xcrun-simctl']);
  });

  it('finds an SDK folder without adb/emulator and names the sdkmanager command for each', async () => {
    const sdk = join(dir, 'sdk');
    await mkdir(sdk, { recursive: true });
    const report = await runDoctor({ env: { ...withoutAndroid(), ANDROID_HOME: sdk }, platform: 'linux' });
    const gaps = profile(report, 'android-emulator').gaps;
    assert.equal(gaps.some((g) => g.id === 'android-sdk'), false);
    assert.match(gaps.find((g) => g.id === 'adb')?.fix ?? '', new RegExp(`${sdk}/cmdline-tools/latest/bin/sdkmanager "platform-tools"`));
    assert.match(gaps.find((g) => g.id === 'emulator')?.fix ?? '', /sdkmanager "emulator"/);
    assert.match(gaps.find((g) => g.id === 'avds')?.fix ?? '', /avdmanager create avd/);
  });

  it('reads drivers installed in an APPIUM_HOME the way Appium discovers them', async () => {
    const home = join(dir, 'appium-home');
    await mkdir(join(home, 'node_modules'), { recursive: true });
    await symlink(REFERENCE_DRIVER_DIR, join(home, 'node_modules', 'appium-voltmx-reference-driver'), 'dir');
    const report = await runDoctor({ env: { ...withoutAndroid(), APPIUM_HOME: home }, platform: 'linux' });
    assert.match(report.checks.find((c) => c.id === 'driver-reference')?.detail ?? '', /also installed in/);
    assert.equal(report.checks.find((c) => c.id === 'driver-uiautomator2')?.ok, false);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
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
    // APPIUM_HOME spelled out: inside this project a bare `npx appium` would install into the project.
    const home = join(dir, 'empty-appium-home');
    assert.equal(android.gaps.find((g) => g.id === 'driver-uiautomator2')?.fix, `APPIUM_HOME=${home} npx appium driver install uiautomator2`);
    const text = formatDoctorReport(report);
    assert.match(text, /android-emulator: NOT READY/);
    assert.match(text, /reference-android: ready/);
    assert.ok(text.includes(`fix: APPIUM_HOME=${home} npx appium driver install uiautomator2`));
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
    assert.match(report.checks.find((c) => c.id === 'driver-reference')?.detail ?? '', /also installed in .* is not used/);
    assert.equal(report.checks.find((c) => c.id === 'driver-uiautomator2')?.ok, false);
  });

  it("counts a user's UiAutomator2 (linked by the harness) and checks VOLTMX_APPIUM_HOME as-is", async () => {
    const home = join(dir, 'home-with-uiautomator2');
    const pkg = join(home, 'node_modules', 'appium-uiautomator2-driver');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), JSON.stringify({
      name: 'appium-uiautomator2-driver', version: '4.2.0',
      appium: { driverName: 'uiautomator2', automationName: 'UiAutomator2', platformNames: ['Android'], mainClass: 'AndroidUiautomator2Driver' },
    }));
    const linked = await runDoctor({ env: { ...withoutAndroid(), APPIUM_HOME: home }, platform: 'linux' });
    const check = linked.checks.find((c) => c.id === 'driver-uiautomator2');
    assert.equal(check?.ok, true);
    assert.equal(check?.detail, `uiautomator2@4.2.0 from ${home} (linked into the harness's private APPIUM_HOME)`);
    assert.equal(profile(linked, 'reference-android').ready, true);

    // The same home given as VOLTMX_APPIUM_HOME is used as-is: it has no reference driver.
    const explicit = await runDoctor({ env: { ...withoutAndroid(), VOLTMX_APPIUM_HOME: home }, platform: 'linux' });
    assert.equal(explicit.checks.find((c) => c.id === 'driver-uiautomator2')?.ok, true);
    const reference = profile(explicit, 'reference-android');
    assert.equal(reference.ready, false);
    assert.match(reference.gaps[0]?.fix ?? '', new RegExp(`^APPIUM_HOME=${home} npx appium driver install --source=local /`));
  });
});

/** `runDoctor()`: what this machine can run, per device profile, with the fix for every gap. */
import { PROFILE_NAMES, profileByName, type ProfileName } from '../profiles/index.js';
import { checkAndroid, checkAppium, checkDocker, checkIos, checkJsc, checkNginx, checkNode, checkOpenssl, type DoctorEnv } from './checks.js';
import { checkDrivers } from './driver-checks.js';
import type { CheckId, CheckResult, DoctorReport, ProfileReadiness } from './types.js';

/** Which checks each profile needs (app files are per run: VOLTMX_ANDROID_APP / VOLTMX_IOS_APP). */
const NEEDS: Record<ProfileName, readonly CheckId[]> = {
  'reference-android': ['node', 'appium', 'driver-reference'],
  'reference-ios': ['node', 'appium', 'driver-reference', 'jsc'],
  'android-emulator': ['node', 'appium', 'driver-uiautomator2', 'android-sdk', 'adb', 'emulator', 'avds'],
  'ios-simulator': ['node', 'appium', 'driver-xcuitest', 'macos', 'xcrun-simctl'],
};

export async function runDoctor(options: Partial<DoctorEnv> = {}): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const groups = await Promise.all([
    checkDrivers(env).then((drivers) => [checkNode(), checkAppium(), ...drivers]),
    checkAndroid(env),
    checkIos(platform),
    Promise.all([checkDocker(), checkNginx(env), checkOpenssl(), checkJsc(env)]),
  ]);
  const checks: CheckResult[] = groups.flat();
  const byId = new Map(checks.map((c) => [c.id, c]));
  const profiles: ProfileReadiness[] = PROFILE_NAMES.map((name) => {
    const gaps = NEEDS[name].map((id) => byId.get(id)).filter((c): c is CheckResult => !!c && !c.ok);
    return { profile: profileByName(name).name, ready: gaps.length === 0, gaps };
  });
  return { checks, profiles };
}

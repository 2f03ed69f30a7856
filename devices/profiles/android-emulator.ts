/**
 * A Volt MX build of the conformance app on an Android emulator, through UiAutomator2.
 * Options come from arguments or the environment (VOLTMX_ANDROID_APP, VOLTMX_ANDROID_PACKAGE,
 * VOLTMX_ANDROID_ACTIVITY, VOLTMX_ANDROID_AVD, VOLTMX_ANDROID_PLATFORM_VERSION, VOLTMX_ACTION_TIMEOUT_MS).
 */
import type { DeviceProfile } from './profile.js';
import { pushPathFor } from './push-layout.js';
import { actionTimeoutFrom } from './action-timeout.js';

export interface AndroidEmulatorOptions {
  app?: string;
  appPackage?: string;
  appActivity?: string;
  avd?: string;
  platformVersion?: string;
}

export function androidEmulator(options: AndroidEmulatorOptions = {}, env: NodeJS.ProcessEnv = process.env): DeviceProfile {
  const app = options.app ?? env.VOLTMX_ANDROID_APP;
  const appPackage = options.appPackage ?? env.VOLTMX_ANDROID_PACKAGE ?? 'com.hcl.voltmx.conformance';
  const appActivity = options.appActivity ?? env.VOLTMX_ANDROID_ACTIVITY;
  const avd = options.avd ?? env.VOLTMX_ANDROID_AVD;
  const platformVersion = options.platformVersion ?? env.VOLTMX_ANDROID_PLATFORM_VERSION;
  return {
    name: 'android-emulator',
    platform: 'android',
    appId: appPackage,
    capabilities: () => ({
      platformName: 'Android',
      'appium:automationName': 'UiAutomator2',
      'appium:appPackage': appPackage,
      ...(app ? { 'appium:app': app } : {}),
      ...(appActivity ? { 'appium:appActivity': appActivity } : {}),
      ...(avd ? { 'appium:avd': avd } : {}),
      ...(platformVersion ? { 'appium:platformVersion': platformVersion } : {}),
      // The test CA is trusted through the app's network_security_config (docs/app-contract.md).
    }),
    // UiAutomator2 "@<package>/<path>" writes into the app's private folder via run-as (debuggable build).
    pushPath: (fileName, dataDirectory) => pushPathFor('android-app-data', appPackage, fileName, dataDirectory),
    pushLayout: 'android-app-data',
    actionTimeoutMs: actionTimeoutFrom(env, 60_000),
    appPath: (fileName) => fileName,
    hostAlias: '10.0.2.2',
    trustsBuiltInCa: true,
    requirements: [
      { kind: 'appium-driver', driverName: 'uiautomator2', installCommand: 'APPIUM_HOME="$HOME/.appium" npx appium driver install uiautomator2' },
      { kind: 'android-sdk' },
      { kind: 'avd', ...(avd ? { name: avd } : {}) },
      { kind: 'app-file', ...(app ? { path: app } : {}), envVar: 'VOLTMX_ANDROID_APP' },
    ],
  };
}

/**
 * A Volt MX build of the conformance app on an iOS simulator, through XCUITest (macOS only).
 * Options from arguments or VOLTMX_IOS_APP, VOLTMX_IOS_BUNDLE_ID, VOLTMX_IOS_DEVICE_NAME,
 * VOLTMX_IOS_PLATFORM_VERSION, VOLTMX_ACTION_TIMEOUT_MS, VOLTMX_IOS_UDID (then the run adds the
 * server CA to that simulator's keychain before the session).
 */
import type { DeviceProfile } from './profile.js';
import { pushPathFor } from './push-layout.js';
import { actionTimeoutFrom } from './action-timeout.js';

export interface IosSimulatorOptions {
  app?: string;
  bundleId?: string;
  deviceName?: string;
  platformVersion?: string;
  udid?: string;
}

export function iosSimulator(options: IosSimulatorOptions = {}, env: NodeJS.ProcessEnv = process.env): DeviceProfile {
  const app = options.app ?? env.VOLTMX_IOS_APP;
  const bundleId = options.bundleId ?? env.VOLTMX_IOS_BUNDLE_ID ?? 'com.hcl.voltmx.conformance';
  const deviceName = options.deviceName ?? env.VOLTMX_IOS_DEVICE_NAME ?? 'iPhone 15';
  const platformVersion = options.platformVersion ?? env.VOLTMX_IOS_PLATFORM_VERSION;
  const udid = options.udid ?? env.VOLTMX_IOS_UDID;
  return {
    name: 'ios-simulator',
    platform: 'ios',
    appId: bundleId,
    capabilities: () => ({
      platformName: 'iOS',
      'appium:automationName': 'XCUITest',
      'appium:bundleId': bundleId,
      'appium:deviceName': deviceName,
      ...(app ? { 'appium:app': app } : {}),
      ...(platformVersion ? { 'appium:platformVersion': platformVersion } : {}),
      ...(udid ? { 'appium:udid': udid } : {}),
    }),
    // XCUITest on a simulator: "@<bundleId>:data/<path>" is inside the app's data container
    // (the container types of `simctl get_app_container`). Which folder voltmx.io's data
    // directory is on iOS is unconfirmed: the specs ask the app (info) and push there;
    // Documents/ until the app has said.
    pushPath: (fileName, dataDirectory) => pushPathFor('ios-app-container', bundleId, fileName, dataDirectory),
    pushLayout: 'ios-app-container',
    actionTimeoutMs: actionTimeoutFrom(env, 60_000),
    appPath: (fileName) => fileName,
    hostAlias: 'localhost',
    trustsBuiltInCa: true,
    ...(udid ? { simulatorUdid: udid } : {}),
    requirements: [
      { kind: 'appium-driver', driverName: 'xcuitest', installCommand: 'APPIUM_HOME="$HOME/.appium" npx appium driver install xcuitest' },
      { kind: 'xcode' },
      { kind: 'app-file', ...(app ? { path: app } : {}), envVar: 'VOLTMX_IOS_APP' },
    ],
  };
}

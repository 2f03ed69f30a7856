/**
 * A Volt MX build of the conformance app on an iOS simulator, through XCUITest (macOS only).
 * Options from arguments or VOLTMX_IOS_APP, VOLTMX_IOS_BUNDLE_ID, VOLTMX_IOS_DEVICE_NAME,
 * VOLTMX_IOS_PLATFORM_VERSION, VOLTMX_IOS_UDID (then the run adds the server CA to that
 * simulator's keychain before the session).
 */
import type { DeviceProfile } from './profile.js';

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
    // (the container types of `simctl get_app_container`); Documents/ is where apps keep files.
    pushPath: (fileName) => `@${bundleId}:data/Documents/${fileName}`,
    // Unconfirmed which folder voltmx.io's data directory is on iOS; the app should look in Documents.
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

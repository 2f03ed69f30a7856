/** The reference hosted by our own Appium driver, following Android's or iOS's semantics. */
import { REFERENCE_APP_ID } from '../reference-driver/lib/capabilities.js';
import type { DeviceProfile } from './profile.js';
import { pushPathFor } from './push-layout.js';
import { actionTimeoutFrom } from './action-timeout.js';

const DRIVER = { kind: 'appium-driver', driverName: 'voltmx-reference', installCommand: 'APPIUM_HOME="$HOME/.appium" npx appium driver install --source=local "$PWD/devices/reference-driver"' } as const;

function referenceProfile(platform: 'android' | 'ios', implementation?: string): DeviceProfile {
  return {
    name: platform === 'android' ? 'reference-android' : 'reference-ios',
    platform,
    appId: REFERENCE_APP_ID,
    capabilities: ({ trustCa, bundledFiles }) => ({
      platformName: platform === 'android' ? 'Android' : 'iOS',
      'appium:automationName': 'VoltmxReference',
      'voltmx:trustCa': trustCa,
      ...(bundledFiles ? { 'voltmx:bundleDir': bundledFiles } : {}),
      ...(implementation ? { 'voltmx:implementation': implementation } : {}),
    }),
    pushPath: (fileName, dataDirectory) => pushPathFor('sandbox', REFERENCE_APP_ID, fileName, dataDirectory),
    pushLayout: 'sandbox',
    actionTimeoutMs: actionTimeoutFrom(process.env, 20_000),
    appPath: (fileName) => fileName,
    hostAlias: 'localhost',
    requirements: [DRIVER],
  };
}

/** `implementation`: module path of another RuntimeFactory to host instead of the reference. */
export const referenceAndroid = (implementation?: string): DeviceProfile => referenceProfile('android', implementation);
export const referenceIos = (implementation?: string): DeviceProfile => referenceProfile('ios', implementation);

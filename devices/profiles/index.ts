import { androidEmulator } from './android-emulator.js';
import { iosSimulator } from './ios-simulator.js';
import type { DeviceProfile, ProfileName } from './profile.js';
import { referenceAndroid, referenceIos } from './reference.js';
import { DevicesError } from '../../support/errors/index.js';

export type { DeviceProfile, ProfileName, Requirement } from './profile.js';
export { pushPathFor, pushLayoutPlatform, PUSH_LAYOUTS, type PushLayout } from './push-layout.js';
export { actionTimeoutFrom, InvalidActionTimeoutError } from './action-timeout.js';
export { androidEmulator, iosSimulator, referenceAndroid, referenceIos };

export const PROFILE_NAMES: readonly ProfileName[] = ['reference-android', 'reference-ios', 'android-emulator', 'ios-simulator'];

export class UnknownProfileError extends DevicesError {
  readonly code = 'UNKNOWN_PROFILE';
  constructor(name: string) {
    super(`unknown device profile "${name}"; known: ${PROFILE_NAMES.join(', ')}`);
  }
}

/** Every profile with options from the environment; `implementation` applies to the reference profiles. */
export function profileByName(name: string, options: { implementation?: string } = {}): DeviceProfile {
  switch (name) {
    case 'reference-android': return referenceAndroid(options.implementation);
    case 'reference-ios': return referenceIos(options.implementation);
    case 'android-emulator': return androidEmulator();
    case 'ios-simulator': return iosSimulator();
    default: throw new UnknownProfileError(name);
  }
}

/** The kit the reference app runs: a built kit file, or the kit built for the session's trusted CA. */
import { readFileSync } from 'node:fs';
import { errors } from '@appium/base-driver';
import { buildKit, caFingerprintOf } from '../../app-kit/build-kit.js';
import type { SessionSettings } from './capabilities.js';

export function kitSourceFor(settings: Pick<SessionSettings, 'appKit' | 'trustCa'>): { source: string; from: string } {
  if (settings.appKit) {
    try {
      return { source: readFileSync(settings.appKit, 'utf8'), from: settings.appKit };
    } catch (error) {
      throw new errors.SessionNotCreatedError(`voltmx:appKit: cannot read ${settings.appKit}: ${(error as Error).message}`);
    }
  }
  // As `app-kit --pki` builds it: the app trusts the first CA, and says so in info.
  const ca = settings.trustCa[0];
  return { source: buildKit({ caFingerprint: ca ? caFingerprintOf(ca) : null }), from: 'the kit built for the session\'s trusted CA' };
}

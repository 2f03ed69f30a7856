/** The capabilities the reference driver accepts, and what a session makes of them. */
import { errors } from '@appium/base-driver';
import type { Platform } from '../../../reference/runtime/contract.js';

/** The app the reference device has installed (appId for terminate/activate/queryAppState). */
export const REFERENCE_APP_ID = 'com.hcl.voltmx.conformance';

export const CAP_CONSTRAINTS = {
  platformName: { presence: true, isString: true, inclusionCaseInsensitive: ['Android', 'iOS'] },
  automationName: { presence: true, isString: true, inclusionCaseInsensitive: ['VoltmxReference'] },
  'voltmx:implementation': { isString: true },
  'voltmx:trustCa': { isArray: true },
  'voltmx:miswired': { isObject: true },
} as const;

/**
 * `voltmx:miswired`: the reference app built or wired the wrong way, for tests of the wiring
 * self-test (what a real porting team gets wrong): a widget without its accessibility id,
 * pushed files that arrive altered or where the app does not look, another kit version, an
 * app built for another CA.
 */
export interface Miswiring {
  readonly hideWidget?: 'command' | 'run' | 'result';
  readonly pushedFiles?: 'altered' | 'unreadable';
  readonly kitVersion?: string;
  /** What info reports as caFingerprint (null: an app that does not say). */
  readonly caFingerprint?: string | null;
}

export interface SessionSettings {
  platform: Platform;
  implementation?: string;
  trustCa: string[];
  miswired: Miswiring;
}

export function sessionSettings(caps: Record<string, unknown>): SessionSettings {
  const platform: Platform = String(caps.platformName).toLowerCase() === 'ios' ? 'ios' : 'android';
  const trust = caps['voltmx:trustCa'] ?? [];
  if (!Array.isArray(trust) || !trust.every((pem) => typeof pem === 'string' && pem.includes('-----BEGIN CERTIFICATE-----'))) {
    throw new errors.SessionNotCreatedError('voltmx:trustCa must be an array of PEM certificates');
  }
  const implementation = caps['voltmx:implementation'];
  const miswired = (caps['voltmx:miswired'] ?? {}) as Miswiring;
  return { platform, trustCa: trust as string[], miswired, ...(typeof implementation === 'string' ? { implementation } : {}) };
}

/** The capabilities the reference driver accepts, and what a session makes of them. */
import { errors } from '@appium/base-driver';
import type { Platform } from '../../../reference/runtime/contract.js';
import { parseKeyboardFaults, type KeyboardFaults } from './keyboard.js';

/** The app the reference device has installed (appId for terminate/activate/queryAppState). */
export const REFERENCE_APP_ID = 'com.hcl.voltmx.conformance';

export const CAP_CONSTRAINTS = {
  platformName: { presence: true, isString: true, inclusionCaseInsensitive: ['Android', 'iOS'] },
  automationName: { presence: true, isString: true, inclusionCaseInsensitive: ['VoltmxReference'] },
  'voltmx:implementation': { isString: true },
  'voltmx:trustCa': { isArray: true },
  /** A built kit file (`voltmx-conformance app-kit`); default: the kit built for the first trustCa. */
  'voltmx:appKit': { isString: true },
  /** A folder of files the app is built with (source "bundled"). */
  'voltmx:bundleDir': { isString: true },
  /** Test aid: how long a splash form stands before the widgets after each launch. */
  'voltmx:splashMs': { isNumber: true },
  /** Test aid: keyboard faults to simulate ({smartPunctuation?, dropOneIn?}), see keyboard.ts. */
  'voltmx:keyboard': { isObject: true },
  /** Test aid: an app wired wrong ({hideWidget?, pushedFiles?}), see Miswiring. */
  'voltmx:miswired': { isObject: true },
} as const;

/**
 * `voltmx:miswired`: the reference app wired the wrong way, for tests of the wiring self-test
 * (what a porting team gets wrong): a widget automation cannot find by its accessibility id,
 * pushed files that arrive altered or where the app does not look. (Another kit version or an
 * app built for another CA: `voltmx:appKit` with such a kit.)
 */
export interface Miswiring {
  readonly hideWidget?: 'command' | 'run' | 'result';
  readonly pushedFiles?: 'altered' | 'unreadable';
}

export interface SessionSettings {
  platform: Platform;
  implementation?: string;
  trustCa: string[];
  appKit?: string;
  bundleDir?: string;
  splashMs?: number;
  keyboard: KeyboardFaults;
  miswired: Miswiring;
}

export function sessionSettings(caps: Record<string, unknown>): SessionSettings {
  const platform: Platform = String(caps.platformName).toLowerCase() === 'ios' ? 'ios' : 'android';
  const trust = caps['voltmx:trustCa'] ?? [];
  if (!Array.isArray(trust) || !trust.every((pem) => typeof pem === 'string' && pem.includes('-----BEGIN CERTIFICATE-----'))) {
    throw new errors.SessionNotCreatedError('voltmx:trustCa must be an array of PEM certificates');
  }
  const implementation = caps['voltmx:implementation'];
  const appKit = caps['voltmx:appKit'];
  const bundleDir = caps['voltmx:bundleDir'];
  const splashMs = caps['voltmx:splashMs'];
  if (splashMs !== undefined && (typeof splashMs !== 'number' || !(splashMs >= 0))) throw new errors.SessionNotCreatedError('voltmx:splashMs must be a number of milliseconds');
  let keyboard: KeyboardFaults;
  try {
    keyboard = parseKeyboardFaults(caps['voltmx:keyboard']);
  } catch (error) {
    throw new errors.SessionNotCreatedError((error as Error).message);
  }
  return {
    platform,
    trustCa: trust as string[],
    keyboard,
    miswired: (caps['voltmx:miswired'] ?? {}) as Miswiring,
    ...(typeof implementation === 'string' ? { implementation } : {}),
    ...(typeof appKit === 'string' ? { appKit } : {}),
    ...(typeof bundleDir === 'string' ? { bundleDir } : {}),
    ...(typeof splashMs === 'number' ? { splashMs } : {}),
  };
}

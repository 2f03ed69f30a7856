/** The capabilities the reference driver accepts, and what a session makes of them. */
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
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
  /** A built kit file (`voltmx-conformance app-kit`); default: the kit built for the session's trusted CA. */
  'voltmx:appKit': { isString: true },
  /** A folder on the driver's host: the files the app ships bundled (assets on Android, the bundle on iOS). */
  'voltmx:bundledFiles': { isString: true },
  /** Test aid: how long a splash form stands before the widgets after each launch. */
  'voltmx:splashMs': { isNumber: true },
  /** Test aid: keyboard faults to simulate ({smartPunctuation?, dropOneIn?}), see keyboard.ts. */
  'voltmx:keyboard': { isObject: true },
} as const;

export interface SessionSettings {
  platform: Platform;
  implementation?: string;
  trustCa: string[];
  appKit?: string;
  bundledFiles?: string;
  splashMs?: number;
  keyboard: KeyboardFaults;
  /** voltmx:bundledFiles named a folder this host does not have. */
  missingBundledFiles?: string;
}

export function sessionSettings(caps: Record<string, unknown>): SessionSettings {
  const platform: Platform = String(caps.platformName).toLowerCase() === 'ios' ? 'ios' : 'android';
  const trust = caps['voltmx:trustCa'] ?? [];
  if (!Array.isArray(trust) || !trust.every((pem) => typeof pem === 'string' && pem.includes('-----BEGIN CERTIFICATE-----'))) {
    throw new errors.SessionNotCreatedError('voltmx:trustCa must be an array of PEM certificates');
  }
  const implementation = caps['voltmx:implementation'];
  const appKit = caps['voltmx:appKit'];
  const bundled = caps['voltmx:bundledFiles'];
  if (bundled !== undefined && (typeof bundled !== 'string' || !isAbsolute(bundled))) {
    throw new errors.SessionNotCreatedError('voltmx:bundledFiles must be the absolute path of a folder');
  }
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
    ...(typeof implementation === 'string' ? { implementation } : {}),
    ...(typeof appKit === 'string' ? { appKit } : {}),
    ...(typeof splashMs === 'number' ? { splashMs } : {}),
    // A folder this host does not have (a Grid node elsewhere) ships nothing: bundled loads then fail in the app, not the session.
    ...(typeof bundled === 'string' && isDirectory(bundled) ? { bundledFiles: bundled } : {}),
    ...(typeof bundled === 'string' && !isDirectory(bundled) ? { missingBundledFiles: bundled } : {}),
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

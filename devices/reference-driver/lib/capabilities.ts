/** The capabilities the reference driver accepts, and what a session makes of them. */
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { errors } from '@appium/base-driver';
import type { Platform } from '../../../reference/runtime/contract.js';

/** The app the reference device has installed (appId for terminate/activate/queryAppState). */
export const REFERENCE_APP_ID = 'com.hcl.voltmx.conformance';

export const CAP_CONSTRAINTS = {
  platformName: { presence: true, isString: true, inclusionCaseInsensitive: ['Android', 'iOS'] },
  automationName: { presence: true, isString: true, inclusionCaseInsensitive: ['VoltmxReference'] },
  'voltmx:implementation': { isString: true },
  'voltmx:trustCa': { isArray: true },
  /** A folder on the driver's host: the files the app ships bundled (assets on Android, the bundle on iOS). */
  'voltmx:bundledFiles': { isString: true },
} as const;

export interface SessionSettings {
  platform: Platform;
  implementation?: string;
  trustCa: string[];
  bundledFiles?: string;
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
  const bundled = caps['voltmx:bundledFiles'];
  if (bundled !== undefined && (typeof bundled !== 'string' || !isAbsolute(bundled))) {
    throw new errors.SessionNotCreatedError('voltmx:bundledFiles must be the absolute path of a folder');
  }
  return {
    platform, trustCa: trust as string[],
    ...(typeof implementation === 'string' ? { implementation } : {}),
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

/**
 * `run --devices <file.json>`: any number of devices, each a named instance of a profile with
 * its own capabilities (merged over the profile's) and, optionally, its own host. Checked in
 * full before anything starts: any problem is a DevicesFileError (a usage error, exit 2).
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { profileByName, PROFILE_NAMES, PUSH_LAYOUTS, pushLayoutPlatform, type DeviceProfile, type PushLayout } from '../../devices/profiles/index.js';
import { generalName } from '../../servers/pki/subject-alt-name.js';
import { DEVICE_CAPABILITY } from './requirement-reporter.js';
import { HarnessError } from '../../support/errors/index.js';

/** One device of a run: its name keys results, reports and expectations. */
export interface RunDevice {
  readonly name: string;
  readonly profile: DeviceProfile;
  /** Merged over the profile's capabilities (e.g. appium:udid, appium:systemPort, a farm's options). */
  readonly capabilities?: Readonly<Record<string, unknown>>;
  /** The host this device puts in URLs, instead of the run's first --host or the profile's. */
  readonly host?: string;
  /** Where pushed files go, instead of the profile's rule (a real iPhone: "ios-documents"). */
  readonly pushLayout?: PushLayout;
}

export class DevicesFileError extends HarnessError {
  readonly code = 'DEVICES_INVALID';
  constructor(readonly file: string, detail: string, message = `Invalid devices file ${file}: ${detail}`) {
    super(message);
  }
}

/** Device names become file names (expectations, logs): no paths, no spaces. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** W3C standard capabilities; anything else must be an extension (`vendor:name`). */
const STANDARD_CAPABILITIES = new Set([
  'browserName', 'browserVersion', 'platformName', 'acceptInsecureCerts', 'pageLoadStrategy', 'proxy',
  'setWindowRect', 'timeouts', 'strictFileInteractability', 'unhandledPromptBehavior', 'webSocketUrl',
]);
const EXTENSION = /^[A-Za-z][A-Za-z0-9.-]*:[A-Za-z0-9_.:-]+$/;
const KEYS = new Set(['name', 'profile', 'capabilities', 'host', 'pushLayout']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkCapabilities(value: unknown, where: string, fail: (detail: string) => never): Record<string, unknown> {
  if (!isObject(value)) fail(`${where}: "capabilities" must be a JSON object`);
  const caps = value as Record<string, unknown>;
  for (const key of Object.keys(caps)) {
    if (key === DEVICE_CAPABILITY) fail(`${where}: "${DEVICE_CAPABILITY}" is set by the harness (the device name)`);
    if (!STANDARD_CAPABILITIES.has(key) && !EXTENSION.test(key)) {
      fail(`${where}: capability "${key}" is neither a W3C capability nor vendor-prefixed (e.g. "appium:${key}")`);
    }
  }
  if ('platformName' in caps && typeof caps.platformName !== 'string') fail(`${where}: platformName must be a string`);
  return caps;
}

/** Validates parsed JSON; `file` only names the source in errors. */
export function parseDevicesFile(value: unknown, file: string, options: { implementation?: string } = {}): RunDevice[] {
  const fail = (detail: string): never => {
    throw new DevicesFileError(file, detail);
  };
  if (!Array.isArray(value)) fail('not a JSON array of devices');
  const list = value as unknown[];
  if (list.length === 0) fail('no devices');
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const where = `device ${i + 1}`;
    if (!isObject(entry)) fail(`${where}: not a JSON object`);
    const { name, profile, capabilities, host, pushLayout } = entry as Record<string, unknown>;
    const unknownKey = Object.keys(entry as object).find((k) => !KEYS.has(k));
    if (unknownKey) fail(`${where}: unknown field "${unknownKey}" (fields: ${[...KEYS].join(', ')})`);
    if (typeof name !== 'string' || !NAME.test(name)) fail(`${where}: "name" must be 1-64 letters, digits, '.', '_' or '-' (got ${JSON.stringify(name)})`);
    const deviceName = name as string;
    if (seen.has(deviceName)) fail(`duplicate device name "${deviceName}"`);
    seen.add(deviceName);
    if (typeof profile !== 'string' || !(PROFILE_NAMES as readonly string[]).includes(profile)) {
      fail(`${deviceName}: unknown profile ${JSON.stringify(profile)}; known: ${PROFILE_NAMES.join(', ')}`);
    }
    const caps = capabilities === undefined ? undefined : checkCapabilities(capabilities, deviceName, fail);
    if (host !== undefined) {
      if (typeof host !== 'string') fail(`${deviceName}: "host" must be a string`);
      try {
        generalName(host as string);
      } catch {
        fail(`${deviceName}: "host" ${JSON.stringify(host)} is not a host name or IP address`);
      }
    }
    const deviceProfile = profileByName(profile as string, options);
    if (pushLayout !== undefined) {
      if (!(PUSH_LAYOUTS as readonly unknown[]).includes(pushLayout)) fail(`${deviceName}: "pushLayout" must be one of ${PUSH_LAYOUTS.join(', ')} (got ${JSON.stringify(pushLayout)})`);
      const platform = pushLayoutPlatform(pushLayout as PushLayout);
      if (platform !== null && platform !== deviceProfile.platform) fail(`${deviceName}: "pushLayout" ${String(pushLayout)} is for ${platform} devices, not ${deviceProfile.platform}`);
    }
    return {
      name: deviceName,
      profile: deviceProfile,
      ...(caps ? { capabilities: caps } : {}),
      ...(typeof host === 'string' ? { host } : {}),
      ...(pushLayout !== undefined ? { pushLayout: pushLayout as PushLayout } : {}),
    };
  });
}

export async function loadDevicesFile(path: string, options: { implementation?: string } = {}): Promise<RunDevice[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new DevicesFileError(path, (error as Error).message);
  }
  return parseDevicesFile(parsed, path, options);
}

/** Profiles as devices named after them (`--device <profile>`). */
export function devicesOfProfiles(profiles: readonly DeviceProfile[]): RunDevice[] {
  return profiles.map((profile) => ({ name: profile.name, profile }));
}

/** The device's W3C capabilities: the profile's, the file's over them, and the device name. */
export function deviceCapabilities(device: RunDevice, trustCa: string[], bundledFiles?: string): Record<string, unknown> {
  return { ...device.profile.capabilities({ trustCa, ...(bundledFiles ? { bundledFiles } : {}) }), ...device.capabilities, [DEVICE_CAPABILITY]: device.name };
}

/**
 * The app id terminate, activate and push use: the device's own `appium:appPackage` (Android)
 * or `appium:bundleId` (iOS), also inside `appium:options`, else the profile's. Two devices of
 * one profile may run differently named builds.
 */
export function deviceAppId(device: RunDevice): string {
  const key = device.profile.platform === 'android' ? 'appPackage' : 'bundleId';
  const caps = device.capabilities ?? {};
  const nested = caps['appium:options'];
  const own = caps[`appium:${key}`] ?? (nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[key] : undefined);
  return typeof own === 'string' && own ? own : device.profile.appId;
}

/** A device's own host as URLs need it (IPv6 literals in brackets). */
export function ownHost(device: RunDevice): string | undefined {
  if (device.host === undefined) return undefined;
  return isIP(device.host) === 6 ? `[${device.host}]` : device.host;
}

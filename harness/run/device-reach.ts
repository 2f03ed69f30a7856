/**
 * How each device reaches and trusts the fleet: the host name it puts in URLs, and the
 * host-side steps before its session (adb reverse for the Android emulator, the server CA in
 * the iOS simulator's keychain).
 */
import { isIP } from 'node:net';
import type { DeviceProfile } from '../../devices/profiles/index.js';
import {
  ADB_FIX, adbPath, adbReverse, addSimulatorRootCert, execRunner, XCRUN_FIX, type CommandRunner,
} from '../../devices/prepare/index.js';
import { RunUsageError } from './errors.js';

export interface ReachOptions {
  /** --host values; the first is what devices put in URLs. */
  readonly hosts?: readonly string[];
  /** --adb-reverse: the Android emulator reaches the fleet at its own localhost. */
  readonly adbReverse?: boolean;
}

/** The host part of the URLs a device uses (IPv6 literals in brackets, as URLs need them). */
export function deviceHost(profile: DeviceProfile, options: ReachOptions): string {
  const host = options.adbReverse && profile.name === 'android-emulator' ? 'localhost' : options.hosts?.[0] ?? profile.hostAlias;
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** A device as its preparation sees it: its profile and the udid its capabilities name. */
export interface PrepareDevice {
  readonly name: string;
  readonly profile: DeviceProfile;
  /** `appium:udid`: the adb serial of an emulator (emulator-5556), the udid of a simulator. */
  readonly udid?: string;
}

/** The device's `appium:udid`, also inside `appium:options`. */
export function udidOf(capabilities: Readonly<Record<string, unknown>>): string | undefined {
  const nested = capabilities['appium:options'];
  const udid = capabilities['appium:udid'] ?? (nested && typeof nested === 'object' ? (nested as Record<string, unknown>).udid : undefined);
  return typeof udid === 'string' && udid ? udid : undefined;
}

/**
 * Several Android emulators on one machine: `adb reverse` without `-s` fails ("more than one
 * device"), so each needs its serial. The problem in words, or null.
 */
export function adbSerialProblem(devices: readonly PrepareDevice[], adbReverse: boolean | undefined): string | null {
  if (!adbReverse) return null;
  const emulators = devices.filter((d) => d.profile.name === 'android-emulator');
  const without = emulators.filter((d) => !d.udid);
  if (emulators.length < 2 || without.length === 0) return null;
  return `--adb-reverse with ${emulators.length} Android emulators: give each its adb serial as "appium:udid" in the devices file (e.g. "emulator-5556", see \`adb devices\`); missing for ${without.map((d) => d.name).join(', ')}`;
}

export interface PrepareInput extends ReachOptions {
  readonly devices: readonly PrepareDevice[];
  /** Every fleet port (adb reverse forwards each). */
  readonly ports: readonly number[];
  /** PEM file of the server CA the devices must trust. */
  readonly serverCaPath: string;
  readonly log: (line: string) => void;
  /** Default: the real tools (adb from ANDROID_HOME or PATH, xcrun). */
  readonly runner?: CommandRunner;
  readonly env?: NodeJS.ProcessEnv;
}

/** The simulator whose keychain gets the server CA: the device's udid, else the profile's (VOLTMX_IOS_UDID). */
const simulatorOf = (device: PrepareDevice): string | undefined =>
  device.profile.name === 'ios-simulator' ? device.udid ?? device.profile.simulatorUdid : device.profile.simulatorUdid;

/** Whether prepareDevices has anything to do for these options. */
export function needsPreparation(input: Pick<PrepareInput, 'devices' | 'adbReverse'>): boolean {
  return input.devices.some((d) => (input.adbReverse && d.profile.name === 'android-emulator') || simulatorOf(d) !== undefined);
}

/** Runs the steps; resolves to an undo (removes the adb forwards) that never throws. */
export async function prepareDevices(input: PrepareInput): Promise<() => Promise<void>> {
  const runner = input.runner ?? execRunner({ fixes: { adb: ADB_FIX, xcrun: XCRUN_FIX } });
  const undos: Array<() => Promise<void>> = [];
  const undoAll = async (): Promise<void> => { for (const undo of undos.reverse()) await undo(); };
  try {
    const problem = adbSerialProblem(input.devices, input.adbReverse);
    if (problem) throw new RunUsageError(problem);
    const emulators = input.devices.filter((d) => d.profile.name === 'android-emulator');
    if (input.adbReverse && emulators.length) {
      const adb = adbPath(input.env);
      // One forward set per emulator (-s <serial>); a single one without a serial is adb's own choice (ANDROID_SERIAL).
      const serials = [...new Set(emulators.map((d) => d.udid))];
      for (const serial of serials) {
        undos.push(await adbReverse(runner, input.ports, { adb, ...(serial ? { serial } : {}) }));
        input.log(`  adb reverse${serial ? ` -s ${serial}` : ''}: ${input.ports.length} fleet ports; the emulator uses https://localhost:<port>`);
      }
    }
    const simulators = [...new Map(input.devices.flatMap((d) => {
      const udid = simulatorOf(d);
      return udid ? [[udid, d] as const] : [];
    })).entries()];
    for (const [udid, device] of simulators) {
      await addSimulatorRootCert(runner, udid, input.serverCaPath);
      input.log(`  ${device.name}: server CA added to simulator ${udid}'s keychain`);
    }
  } catch (error) {
    await undoAll();
    throw error;
  }
  return undoAll;
}

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

export interface PrepareInput extends ReachOptions {
  readonly profiles: readonly DeviceProfile[];
  /** Every fleet port (adb reverse forwards each). */
  readonly ports: readonly number[];
  /** PEM file of the server CA the devices must trust. */
  readonly serverCaPath: string;
  readonly log: (line: string) => void;
  /** Default: the real tools (adb from ANDROID_HOME or PATH, xcrun). */
  readonly runner?: CommandRunner;
  readonly env?: NodeJS.ProcessEnv;
}

/** Whether prepareDevices has anything to do for these options. */
export function needsPreparation(input: Pick<PrepareInput, 'profiles' | 'adbReverse'>): boolean {
  return input.profiles.some((p) => (input.adbReverse && p.name === 'android-emulator') || p.simulatorUdid !== undefined);
}

/** Runs the steps; resolves to an undo (removes the adb forwards) that never throws. */
export async function prepareDevices(input: PrepareInput): Promise<() => Promise<void>> {
  const runner = input.runner ?? execRunner({ fixes: { adb: ADB_FIX, xcrun: XCRUN_FIX } });
  const undos: Array<() => Promise<void>> = [];
  const undoAll = async (): Promise<void> => { for (const undo of undos.reverse()) await undo(); };
  try {
    if (input.adbReverse && input.profiles.some((p) => p.name === 'android-emulator')) {
      const adb = adbPath(input.env);
      undos.push(await adbReverse(runner, input.ports, { adb }));
      input.log(`  adb reverse: ${input.ports.length} fleet ports; the emulator uses https://localhost:<port>`);
    }
    for (const profile of input.profiles) {
      if (profile.simulatorUdid === undefined) continue;
      await addSimulatorRootCert(runner, profile.simulatorUdid, input.serverCaPath);
      input.log(`  ${profile.name}: server CA added to simulator ${profile.simulatorUdid}'s keychain`);
    }
  } catch (error) {
    await undoAll();
    throw error;
  }
  return undoAll;
}

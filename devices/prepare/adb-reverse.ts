/**
 * `adb reverse` for every fleet port: the emulator's (or a USB device's) localhost:<port> then
 * reaches the host's localhost:<port>, so devices use `localhost` instead of 10.0.2.2 and the
 * fleet stays on loopback. The device must be running before the run (adb lists it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CommandFailedError, type CommandRunner } from './command-runner.js';

export const ADB_FIX = 'install the Android SDK platform-tools and set ANDROID_HOME (see voltmx-conformance doctor)';

/** $ANDROID_HOME/platform-tools/adb when present, else adb from PATH. */
export function adbPath(env: NodeJS.ProcessEnv = process.env): string {
  const sdk = env.ANDROID_HOME || env.ANDROID_SDK_ROOT;
  const inSdk = sdk ? join(sdk, 'platform-tools', 'adb') : undefined;
  return inSdk && existsSync(inSdk) ? inSdk : 'adb';
}

/** adb arguments, one command per port; serial: adb -s (default: adb's own choice, ANDROID_SERIAL). */
export function adbReverseArgs(ports: readonly number[], serial?: string): string[][] {
  const target = serial ? ['-s', serial] : [];
  return ports.map((port) => [...target, 'reverse', `tcp:${port}`, `tcp:${port}`]);
}

export function adbReverseRemoveArgs(ports: readonly number[], serial?: string): string[][] {
  const target = serial ? ['-s', serial] : [];
  return ports.map((port) => [...target, 'reverse', '--remove', `tcp:${port}`]);
}

/** Sets up every reverse forward; the returned undo removes them (and never throws). */
export async function adbReverse(
  runner: CommandRunner, ports: readonly number[], options: { adb?: string; serial?: string } = {},
): Promise<() => Promise<void>> {
  const adb = options.adb ?? adbPath();
  const done: number[] = [];
  const undo = async (): Promise<void> => {
    for (const args of adbReverseRemoveArgs(done, options.serial)) await runner.run(adb, args).catch(() => undefined);
  };
  try {
    for (const [i, args] of adbReverseArgs(ports, options.serial).entries()) {
      await runner.run(adb, args);
      done.push(ports[i]!);
    }
  } catch (error) {
    await undo();
    if (error instanceof CommandFailedError) {
      throw new CommandFailedError(error.commandLine, error.detail, 'start the emulator (or plug in the device) before the run, or drop --adb-reverse to use 10.0.2.2');
    }
    throw error;
  }
  return undo;
}

/** The command line that reruns one requirement on one device, for every unexpected result. */
import type { RequirementResult } from '../results/types.js';

export const RERUN_COMMAND = 'npx voltmx-conformance run';

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellWord(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The arguments that select one device of a run, or undefined when no command line can (a
 * device a program built, say): that device's results get no rerun line.
 */
export type DeviceSelector = (device: string) => readonly string[] | undefined;

/** `--device <profile>`: a device named after its profile. */
export const profileDevice = (device: string): string[] => ['--device', device];

/** `--devices <file> --only-device <name>`: one device of a devices file, the file as the user gave it. */
export const devicesFileDevice = (file: string, device: string): string[] => ['--devices', file, '--only-device', device];

/** `deviceArgs` select the device; `extraArgs` repeat the run's other settings. */
export function rerunLine(deviceArgs: readonly string[], requirement: string, extraArgs: readonly string[] = []): string {
  return [RERUN_COMMAND, ...[...deviceArgs, '--requirement', requirement, ...extraArgs].map(shellWord)].join(' ');
}

/** Unexpected results on a device `select` knows get `rerun`; blocked results are never unexpected. */
export function withRerunLines(results: readonly RequirementResult[], extraArgs: readonly string[], select: DeviceSelector): RequirementResult[] {
  return results.map((r) => {
    const deviceArgs = r.unexpected ? select(r.device) : undefined;
    return deviceArgs ? { ...r, rerun: rerunLine(deviceArgs, r.requirement, extraArgs) } : r;
  });
}

/** The command line that reruns one requirement on one device, for every unexpected result. */
import type { RequirementResult } from '../results/types.js';

export const RERUN_COMMAND = 'npx voltmx-conformance run';

/** Quotes an argument for a POSIX shell when it needs it. */
function shellWord(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function rerunLine(device: string, requirement: string, extraArgs: readonly string[] = []): string {
  return [RERUN_COMMAND, '--device', device, '--requirement', requirement, ...extraArgs].map((a, i) => (i === 0 ? a : shellWord(a))).join(' ');
}

/**
 * Unexpected results get `rerun`. `deviceArgs` maps a device to the arguments that select it
 * (default `--device <name>`; a device that is not a CLI profile, such as a hosted runtime,
 * gets none).
 */
export function withRerunLines(results: readonly RequirementResult[], extraArgs: readonly string[], isProfile: (device: string) => boolean): RequirementResult[] {
  return results.map((r) => (r.unexpected && isProfile(r.device) ? { ...r, rerun: rerunLine(r.device, r.requirement, extraArgs) } : r));
}

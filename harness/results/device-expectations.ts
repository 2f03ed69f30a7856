/**
 * Which expectations file speaks for a device: the one named after the device, else the one
 * for its profile, else the one for its platform (so one file can cover a lab's identical phones).
 */
import type { ExpectationLookup } from './aggregate.js';
import type { ExpectationsFile } from './types.js';

export interface ExpectationsTarget {
  readonly name: string;
  readonly profile: string;
  readonly platform: string;
}

export function fileFor(files: ReadonlyMap<string, ExpectationsFile>, target: ExpectationsTarget): ExpectationsFile | undefined {
  return files.get(target.name) ?? files.get(target.profile) ?? files.get(target.platform);
}

export function deviceExpectationLookup(files: ReadonlyMap<string, ExpectationsFile>, targets: readonly ExpectationsTarget[]): ExpectationLookup {
  const byName = new Map(targets.map((t) => [t.name, fileFor(files, t)]));
  return (device, requirement) => (byName.has(device) ? byName.get(device) : files.get(device))?.expectations[requirement];
}

/**
 * Files naming something that is neither a device of the run, a known profile, nor a platform:
 * most likely a typo, which would silently leave a device without its expectations.
 */
export function unknownExpectationDevices(files: ReadonlyMap<string, ExpectationsFile>, targets: readonly ExpectationsTarget[], knownProfiles: readonly string[]): string[] {
  const known = new Set([...targets.map((t) => t.name), ...knownProfiles, 'android', 'ios']);
  return [...files.keys()].filter((device) => !known.has(device)).sort();
}

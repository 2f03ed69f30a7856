/** Reading a run's private temp folder from outside: how far its workers got. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Outcomes the workers of the runs under `tmp` (voltmx-run-*) have written so far. */
export function outcomesSoFar(tmp: string): number {
  let count = 0;
  for (const run of readdirSync(tmp).filter((n) => n.startsWith('voltmx-run-'))) {
    const outcomes = join(tmp, run, 'outcomes');
    if (!existsSync(outcomes)) continue;
    for (const file of readdirSync(outcomes)) {
      try {
        count += readFileSync(join(outcomes, file), 'utf8').split('\n').filter((l) => l.includes('"kind":"outcome"')).length;
      } catch {
        // removed meanwhile: the run is ending
      }
    }
  }
  return count;
}

/** Entries of `tmp` that a run may own; tsx's and jiti's compile caches stay there by design. */
export function runLeftovers(entries: readonly string[]): string[] {
  return entries.filter((n) => !/^(tsx-\d+|jiti)$/.test(n));
}

/** voltmx-run-abc123 -> voltmx-run-*: the kinds of folder seen, for "it existed" checks. */
export const folderKind = (name: string): string => name.replace(/-[^-]+$/, '-*');

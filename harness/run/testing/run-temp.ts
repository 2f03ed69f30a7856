/** Reading a run's private temp folder from outside: how far its workers got. */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { registerCleanup, type CleanupHandle } from '../../../support/index.js';
import { descendantsOf, type ProcessInfo } from './process-tree.js';

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

/**
 * A private TMPDIR for the whole test file: every temp folder the run makes lands in `tmp`, so
 * "nothing left behind" is "that folder is empty again". `dir` holds it and the reports.
 */
export interface PrivateRunTmp {
  readonly dir: string;
  readonly tmp: string;
}

export function usePrivateRunTmp(prefix: string): PrivateRunTmp {
  const paths = { dir: '', tmp: '' };
  let saved: string | undefined;
  let cleanup: CleanupHandle | undefined;
  before(async () => {
    paths.dir = await mkdtemp(join(tmpdir(), prefix));
    // A test runner's SIGTERM (a timeout) skips `after`: the folder may hold a run's PKI.
    const dir = paths.dir;
    cleanup = registerCleanup(`test temp folder ${prefix}`, () => rm(dir, { recursive: true, force: true }), {
      sync: () => rmSync(dir, { recursive: true, force: true }),
    });
    paths.tmp = join(paths.dir, 'tmp');
    await mkdir(paths.tmp, { mode: 0o700 });
    saved = process.env.TMPDIR;
    process.env.TMPDIR = paths.tmp;
  });
  after(async () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await cleanup?.run();
  });
  return paths;
}

/** This process's descendants, but tsx's own esbuild service (this process's loader, not the run's). */
export const runDescendants = (): ProcessInfo[] =>
  descendantsOf(process.pid).filter((p) => !(p.ppid === process.pid && p.comm === 'esbuild'));

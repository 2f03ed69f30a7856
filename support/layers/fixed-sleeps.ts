/**
 * Finds fixed sleeps in tests and their helpers: a wait whose length is a number of
 * milliseconds rather than the event it stands for. Read by no-fixed-sleeps.test.ts over every
 * `*.test.ts` file and every file in a `testing/` folder.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { sourceFiles } from './layer-rules.js';

export interface FixedSleep {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** Forms of a timed wait; a timer that rejects or kills (a deadline guarding a real wait) is none of them. */
export const SLEEP_PATTERNS: readonly RegExp[] = [
  // await new Promise((r) => setTimeout(r, 50)), setTimeout(resolve), setTimeout(() => resolve(), 50)
  /setTimeout\(\s*(?:r|res|resolve|done|next|wake)\s*[,)]/,
  /setTimeout\(\s*\(\)\s*=>\s*(?:r|res|resolve|done|next|wake)\(\)/,
  // import { setTimeout as delay } from 'node:timers/promises', or any sleep()/delay() helper
  /['"](?:node:)?timers\/promises['"]/,
  /\b(?:sleep|delay|wait|pause)\(\s*[\d_]+\s*\)/,
  /\bawait\s+(?:sleep|delay)\(/,
];

const isTestFile = (path: string): boolean => path.endsWith('.test.ts') || path.split(sep).includes('testing');

/** Every line under `root` (test files and testing/ helpers) that sleeps, less the `allowed` files (repository-relative). */
export function fixedSleeps(root: string, allowed: readonly string[] = []): FixedSleep[] {
  const found: FixedSleep[] = [];
  for (const path of sourceFiles(root).filter((p) => isTestFile(relative(root, p)))) {
    const file = relative(root, path);
    if (allowed.includes(file.split(sep).join('/'))) continue;
    readFileSync(path, 'utf8').split('\n').forEach((text, index) => {
      if (SLEEP_PATTERNS.some((pattern) => pattern.test(text))) found.push({ file, line: index + 1, text: text.trim() });
    });
  }
  return found;
}


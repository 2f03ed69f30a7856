/** The conformance spec files, for a WebdriverIO config's `specs`. */
import { basename } from 'node:path';
import { specFiles as allSpecFiles } from '../run/spec-files.js';

/** A substring of the file name (`replace` matches replace.spec.ts), a pattern, or a predicate on the absolute path. */
export type SpecFilter = string | RegExp | ((path: string) => boolean);

/** Absolute paths of the spec files, sorted; with a filter, only those it selects. */
export function specFiles(filter?: SpecFilter): string[] {
  const all = allSpecFiles();
  if (filter === undefined) return all;
  if (typeof filter === 'function') return all.filter(filter);
  if (typeof filter === 'string') return all.filter((path) => basename(path).includes(filter));
  return all.filter((path) => filter.test(path));
}

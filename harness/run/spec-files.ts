/** The spec files of this repository: specs/*.spec.ts (and one level of subfolders). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SPECS_DIR = fileURLToPath(new URL('../../specs/', import.meta.url));
/** Run first in every device's worker, before any spec: is the app wired so that the suite can judge it? */
export const WIRING_SELF_TEST = join(SPECS_DIR, 'support', 'wiring', 'wiring-self-test.ts');

export function specFiles(dir = SPECS_DIR): string[] {
  const out: string[] = [];
  const walk = (folder: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const path = join(folder, name);
      if (name === 'support' || name === 'node_modules') continue;
      if (statSync(path).isDirectory()) {
        if (depth < 1) walk(path, depth + 1);
      } else if (name.endsWith('.spec.ts')) out.push(path);
    }
  };
  walk(dir, 0);
  return out;
}

/**
 * Where the persistent test PKI lives, like mkcert's CAROOT: $VOLTMX_PKI_DIR, else the user's
 * data folder. Never inside this repository (a commit could carry the root keys).
 */
import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PkiFolderInRepositoryError } from './errors.js';

export const PKI_DIR_ENV = 'VOLTMX_PKI_DIR';

export function defaultPkiDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env[PKI_DIR_ENV]) return resolve(env[PKI_DIR_ENV]);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'voltmx-conformance', 'pki');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'voltmx-conformance', 'pki');
  const data = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(data, 'voltmx-conformance', 'pki');
}

/** The repository root: the folder holding package.json, three levels above this file. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Resolves `dir` (default: defaultPkiDir) and refuses one inside the repository. */
export function resolvePkiDir(dir: string | undefined, env: NodeJS.ProcessEnv = process.env, repository = REPOSITORY_ROOT): string {
  const chosen = resolve(dir ?? defaultPkiDir(env));
  const real = (path: string): string => {
    // The nearest existing ancestor's real path, so symlinks cannot hide the repository.
    let probe = path;
    while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
    return join(realpathSync(probe), relative(probe, path));
  };
  const inside = relative(real(repository), real(chosen));
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) throw new PkiFolderInRepositoryError(chosen, repository);
  return chosen;
}

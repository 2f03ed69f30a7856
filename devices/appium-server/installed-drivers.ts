/**
 * Appium drivers installed in an APPIUM_HOME, found the way Appium 3 finds them when it has
 * no manifest yet: `node_modules/{*,@*}/package.json` with a string `appium.driverName`
 * (plus `name` and `version`). Read-only: nothing in the home is written.
 */
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface InstalledDriver {
  readonly driverName: string;
  readonly automationName: string;
  readonly platformNames: readonly string[];
  readonly pkgName: string;
  readonly version: string;
  /** The package folder as listed in the home (may be a symlink, e.g. `--source=local`). */
  readonly dir: string;
}

/** The user's APPIUM_HOME: env APPIUM_HOME (resolved against cwd, as Appium does), else ~/.appium. */
export function userAppiumHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.APPIUM_HOME ? resolve(env.APPIUM_HOME) : join(homedir(), '.appium');
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

export async function readDriverPackage(dir: string): Promise<InstalledDriver | null> {
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      name?: unknown; version?: unknown; appium?: { driverName?: unknown; automationName?: unknown; platformNames?: unknown };
    };
    const meta = pkg.appium;
    if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string' || typeof meta?.driverName !== 'string') return null;
    return {
      driverName: meta.driverName,
      automationName: typeof meta.automationName === 'string' ? meta.automationName : '',
      platformNames: Array.isArray(meta.platformNames) ? meta.platformNames.filter((p): p is string => typeof p === 'string') : [],
      pkgName: pkg.name,
      version: pkg.version,
      dir,
    };
  } catch {
    return null; // not a package, or unreadable: Appium ignores it too
  }
}

export async function findInstalledDrivers(home: string): Promise<InstalledDriver[]> {
  const modules = join(home, 'node_modules');
  const names = (await list(modules)).filter((n) => !n.startsWith('.'));
  const dirs = (await Promise.all(names.map(async (name) =>
    name.startsWith('@') ? (await list(join(modules, name))).map((sub) => join(modules, name, sub)) : [join(modules, name)]))).flat();
  const found = (await Promise.all(dirs.map(readDriverPackage))).filter((d): d is InstalledDriver => d !== null);
  return found.sort((a, b) => a.driverName.localeCompare(b.driverName));
}

/**
 * A private APPIUM_HOME holding only the drivers we name. Appium 3 scans
 * APPIUM_HOME/node_modules/{*,@*}/package.json for an `appium` field when its manifest
 * (node_modules/.cache/appium/extensions.yaml) does not exist yet, so a symlink to the driver
 * folder is all an install needs: no npm, no network, nothing written to ~/.appium.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCleanup } from '../../support/index.js';

export const REFERENCE_DRIVER_DIR = fileURLToPath(new URL('../reference-driver/', import.meta.url));

export interface PrivateAppiumHome {
  readonly path: string;
  dispose(): Promise<void>;
}

export async function createPrivateAppiumHome(driverDirs: readonly string[]): Promise<PrivateAppiumHome> {
  const path = await mkdtemp(join(tmpdir(), 'voltmx-appium-home-'));
  const cleanup = registerCleanup('private APPIUM_HOME', () => rm(path, { recursive: true, force: true }), {
    sync: () => rmSync(path, { recursive: true, force: true }),
  });
  try {
    await mkdir(join(path, 'node_modules'), { recursive: true });
    for (const dir of driverDirs) {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string };
      await mkdir(join(path, 'node_modules', pkg.name, '..'), { recursive: true });
      await symlink(dir, join(path, 'node_modules', pkg.name), 'dir');
    }
  } catch (error) {
    await cleanup.run();
    throw error;
  }
  return { path, dispose: () => cleanup.run() };
}

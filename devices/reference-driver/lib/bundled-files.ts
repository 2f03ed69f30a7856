/**
 * The app's bundled files on the reference device, and the host hooks a real app's wiring
 * offers for them (FFIs there). Android: copyBundledFile copies a file of the folder (its
 * assets / res/raw) to a path in the sandbox. iOS: installing the app puts its bundle on the
 * device, and bundledFilePath names a file there, readable with voltmx.io.
 */
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { Platform } from '../../../reference/runtime/contract.js';
import type { AppHost } from '../../conformance-app/contract.js';

/** Where an installed app's bundle sits in the reference device's sandbox (iOS). */
export const APP_BUNDLE_FOLDER = 'ConformanceApp.app';

const isPlainName = (name: unknown): name is string => typeof name === 'string' && name !== '' && basename(name) === name && name !== '.' && name !== '..';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** iOS: copies the bundled files into the app bundle folder of the sandbox (the install step). */
export function installAppBundle(platform: Platform, bundledFiles: string | undefined, sandboxDir: string): void {
  if (platform !== 'ios' || !bundledFiles) return;
  const target = join(sandboxDir, APP_BUNDLE_FOLDER);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(bundledFiles)) {
    if (isFile(join(bundledFiles, name))) copyFileSync(join(bundledFiles, name), join(target, name));
  }
}

/** The hooks of the platform's wiring; none without bundled files (a build that ships none). */
export function bundledFilesHost(platform: Platform, bundledFiles: string | undefined, sandboxDir: string): AppHost {
  if (!bundledFiles) return {};
  if (platform === 'android') {
    return {
      copyBundledFile(name: string, destPath: string): boolean {
        if (!isPlainName(name) || typeof destPath !== 'string' || !inside(sandboxDir, destPath)) return false;
        const from = join(bundledFiles, name);
        if (!isFile(from)) return false;
        copyFileSync(from, destPath);
        return true;
      },
    };
  }
  return {
    bundledFilePath(name: string): string | null {
      if (!isPlainName(name)) return null;
      const path = join(sandboxDir, APP_BUNDLE_FOLDER, name);
      return isFile(path) ? path : null;
    },
  };
}

/**
 * Files bundled with the app, for devices that take them from the run: the reference driver
 * ships the run's .p12 folder as its app's bundled files (capability voltmx:bundleDir),
 * as a real app build ships them in assets / res/raw (Android) or its bundle (iOS).
 */
import { dirname } from 'node:path';
import type { CreatedTestPki } from '../../servers/pki/index.js';

/** The folder every bundle of the run's PKI is in, or undefined when the PKI has none. */
export function bundledFilesOf(pki: Pick<CreatedTestPki, 'bundles'>): string | undefined {
  const folders = new Set(Object.values(pki.bundles).map((b) => dirname(b.path)));
  return folders.size === 1 ? [...folders][0] : undefined;
}

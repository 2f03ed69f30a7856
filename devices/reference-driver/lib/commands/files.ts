/** pushFile / pullFile into the app sandbox (RuntimeOptions.filesDir, voltmx.io's data directory). */
import { errors } from '@appium/base-driver';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ReferenceDevice } from '../reference-device.js';

/**
 * Accepted paths: relative to the sandbox ("client.p12", "certs/a.p12"), the Appium-style
 * app container form "@<appId>/<relative>", or an absolute path inside the sandbox.
 */
export function sandboxPath(device: ReferenceDevice, remotePath: unknown): string {
  if (typeof remotePath !== 'string' || !remotePath.trim()) {
    throw new errors.InvalidArgumentError('the remote path must be a non-empty string');
  }
  const containerPrefix = `@${device.appId}/`;
  const inside = remotePath.startsWith(containerPrefix) ? remotePath.slice(containerPrefix.length) : remotePath;
  const full = isAbsolute(inside) ? resolve(inside) : resolve(device.sandboxDir, inside);
  const rel = relative(device.sandboxDir, full);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) {
    throw new errors.InvalidArgumentError(`"${remotePath}" is outside the app sandbox`);
  }
  return full;
}

export async function pushFile(device: ReferenceDevice, remotePath: unknown, base64Data: unknown): Promise<void> {
  const target = sandboxPath(device, remotePath);
  if (typeof base64Data !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(base64Data)) {
    throw new errors.InvalidArgumentError('pushFile data must be base64 text');
  }
  const bytes = Buffer.from(base64Data, 'base64');
  // A mis-wired device: the push lands where the app does not look, or arrives altered (a transfer that rewrites bytes).
  const { pushedFiles } = device.miswired;
  const written = pushedFiles === 'unreadable' ? `${target}.elsewhere` : target;
  if (pushedFiles === 'altered' && bytes.length) bytes[bytes.length - 1] ^= 0x01;
  await mkdir(dirname(written), { recursive: true, mode: 0o700 });
  await writeFile(written, bytes, { mode: 0o600 });
}

export async function pullFile(device: ReferenceDevice, remotePath: unknown): Promise<string> {
  const source = sandboxPath(device, remotePath);
  try {
    return (await readFile(source)).toString('base64');
  } catch {
    throw new errors.InvalidArgumentError(`no file at "${remotePath}" in the app sandbox`);
  }
}

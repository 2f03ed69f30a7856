/**
 * Where JavaScriptCore's `jsc` shell is, for the reference iOS device's engine host:
 * `VOLTMX_JSC` when set, else Debian's (libjavascriptcoregtk-4.0-bin puts it in /usr/bin, older
 * packages under the webkit2gtk folder), else the one macOS ships inside its JavaScriptCore
 * framework. An override that points nowhere is reported as such, never replaced by a guess.
 */
import { existsSync } from 'node:fs';
import type { FoundFile } from './nginx.js';

export const JSC_ENV = 'VOLTMX_JSC';

export const JSC_CANDIDATES: readonly string[] = [
  '/usr/bin/jsc',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/jsc',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.0/jsc',
  '/System/Library/Frameworks/JavaScriptCore.framework/Versions/Current/Helpers/jsc',
];

export const JSC_INSTALL =
  `Debian/Ubuntu: sudo apt-get install -y libjavascriptcoregtk-4.0-bin; macOS: the system's own (${JSC_CANDIDATES[3]}); elsewhere: set ${JSC_ENV} to a jsc shell`;

export function findJsc(env: NodeJS.ProcessEnv = process.env): FoundFile {
  const override = env[JSC_ENV] || undefined;
  if (override) return { path: override, exists: existsSync(override), from: 'env' };
  const hit = JSC_CANDIDATES.find((candidate) => existsSync(candidate));
  return { path: hit ?? JSC_CANDIDATES[0], exists: hit !== undefined, from: 'default' };
}

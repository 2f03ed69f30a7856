/**
 * Checks of `run` that need no PKI, server or Appium: done before anything starts, so a wrong
 * command line costs nothing and leaves the previous reports untouched (exit 2).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRequirementId, requirement } from '../requirements/catalog.js';
import { UsageError } from './errors.js';

/** Loads the module and requires a RuntimeFactory (`createRuntime` or the default export). */
export async function checkImplementation(path: string): Promise<string> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new UsageError(`--implementation: no such module ${absolute}`, 'run');
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--implementation: ${absolute} does not load: ${(error as Error).message.split('\n')[0]}`, 'run');
  }
  const factory = module.createRuntime ?? module.default;
  if (typeof factory !== 'function') {
    throw new UsageError(`--implementation: ${absolute} exports no RuntimeFactory (a function named createRuntime, or the default export; see docs/runtime-contract.md)`, 'run');
  }
  return absolute;
}

/** An http(s) URL with a host; anything else would only fail once the servers are up. */
/**
 * The Appium/Grid URL: credentials in it, or else from VOLTMX_APPIUM_USER and VOLTMX_APPIUM_KEY
 * (what a rerun line, which never repeats them, relies on). Messages never show them.
 */
export function checkAppiumUrl(value: string, from: string, env: NodeJS.ProcessEnv = {}): string {
  let url: URL;
  // Whatever precedes an '@' in the authority may be a key: masked even when the URL is malformed.
  const shown = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${from}: not a URL: "${shown}" (e.g. http://127.0.0.1:4723/)`, 'run');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${from}: must be http:// or https:// (got ${url.protocol})`, 'run');
  if (!url.hostname) throw new UsageError(`${from}: no host in "${shown}"`, 'run');
  const user = env.VOLTMX_APPIUM_USER;
  const key = env.VOLTMX_APPIUM_KEY;
  if (url.username || url.password || !user || !key) return value;
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(key);
  return url.href;
}

/** IDs of --requirement, each a catalog ID, none twice. */
export function checkRequirementFilter(ids: readonly string[]): string[] {
  const unknown = ids.filter((id) => !isRequirementId(id));
  if (unknown.length) throw new UsageError(`--requirement: unknown requirement ID ${unknown.join(', ')} (see voltmx-conformance requirements)`, 'run');
  const server = ids.filter((id) => requirement(id).subject === 'server');
  if (server.length) throw new UsageError(`--requirement: ${server.join(', ')} judge the servers (npm test checks them), not a device`, 'run');
  return [...new Set(ids)];
}

/** The mocha grep of an exact requirement filter: titles carrying one of these IDs. */
export function requirementGrep(ids: readonly string[]): string {
  return `\\[(${ids.join('|')})\\]`;
}

/**
 * --only-device <name> (repeatable) picks devices out of the --devices file, keeping the file's
 * order; a name not in the file is a usage error that lists the file's names.
 */
export function selectDevices<D extends { readonly name: string }>(devices: readonly D[], names: readonly string[] | undefined, file: string | undefined): D[] {
  if (names === undefined) return [...devices];
  if (file === undefined) throw new UsageError('--only-device picks devices of a --devices file: give --devices <file.json> too', 'run');
  if (new Set(names).size !== names.length) throw new UsageError('each --only-device may be given once', 'run');
  const known = new Set(devices.map((d) => d.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw new UsageError(`--only-device: no device named ${unknown.join(', ')} in ${file} (its devices: ${[...known].join(', ')})`, 'run');
  return devices.filter((d) => names.includes(d.name));
}

/**
 * The secrets of one run, scrubbed by value from everything it outputs: the progress lines,
 * the report (results.json, report.html, junit.xml, rerun lines, hence merged reports too)
 * and the text files of the report folder (appium.log, WebdriverIO logs). Key-based
 * redaction (provenance, Appium's log filters) comes first; this is the net under it, for a
 * secret echoed by a server in an error message or logged in a shape no filter knows.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scrubSecrets, secretValuesOf, splitUrlCredentials } from '../../devices/appium-server/index.js';

/** The secret capability values of every device, and the credentials of the Appium/Grid URL. */
export function runSecrets(capabilities: readonly Record<string, unknown>[], appiumUrl: string | undefined): string[] {
  const secrets = new Set(capabilities.flatMap((c) => secretValuesOf(c)));
  if (appiumUrl && URL.canParse(appiumUrl)) {
    const url = new URL(appiumUrl);
    for (const part of [url.username, url.password]) {
      if (part) {
        secrets.add(part);
        secrets.add(decodeURIComponent(part));
      }
    }
    const { authorization } = splitUrlCredentials(url);
    if (authorization) secrets.add(authorization.replace(/^Basic /, ''));
  }
  return [...secrets];
}

/** A copy of a JSON-like value with every secret replaced in every string, keys included. */
export function scrubValue<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrubSecrets(node, secrets);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [scrubSecrets(k, secrets), walk(v)]));
    }
    return node;
  };
  return walk(value) as T;
}

const MAX_SCRUBBED_FILE = 64 * 1024 * 1024;

/** Rewrites each of these files, and each file under these folders, that holds a secret. */
export async function scrubFiles(paths: readonly string[], secrets: readonly string[]): Promise<void> {
  if (!secrets.length) return;
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) files.push(path);
    else if (info?.isDirectory()) {
      for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
        if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
      }
    }
  }
  for (const path of files) {
    if ((await stat(path)).size > MAX_SCRUBBED_FILE) continue;
    const text = await readFile(path, 'utf8');
    const scrubbed = scrubSecrets(text, secrets);
    if (scrubbed !== text) await writeFile(path, scrubbed);
  }
}

/**
 * While the WebdriverIO launcher runs, its workers' output reaches this process's stdout and
 * stderr directly (a failed session's error may quote capabilities): scrub it on the way out.
 * Returns the undo; a no-op without secrets.
 */
export function scrubProcessOutput(secrets: readonly string[]): () => void {
  if (!secrets.length) return () => {};
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write);
  streams.forEach((stream, i) => {
    const original = originals[i]!;
    stream.write = function write(chunk: unknown, ...rest: unknown[]): boolean {
      const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk;
      const scrubbed = typeof text === 'string' ? scrubSecrets(text, secrets) : text;
      return (original as (...args: unknown[]) => boolean).call(stream, scrubbed, ...rest);
    } as typeof stream.write;
  });
  return () => streams.forEach((stream, i) => { stream.write = originals[i]!; });
}

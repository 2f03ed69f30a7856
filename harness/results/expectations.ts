/** Reading, applying and regenerating per-device expectations files. */
import { readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRequirementId } from '../requirements/catalog.js';
import { conditionProblem } from './conditions.js';
import { PRECONDITION_REASON } from './preconditions.js';
import { DuplicateExpectationsError, ExpectationsFileError } from './errors.js';
import type { ExpectationLookup } from './aggregate.js';
import type { Expectation, ExpectationsFile, RequirementResult } from './types.js';

const EXPECTABLE = new Set(['fail', 'unimplemented', 'skip']);

/** Validates parsed JSON; `file` only names the source in errors. */
export function parseExpectations(value: unknown, file: string): ExpectationsFile {
  const fail = (detail: string): never => {
    throw new ExpectationsFileError(file, detail);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not a JSON object');
  const { device, expectations } = value as Record<string, unknown>;
  if (typeof device !== 'string' || device === '') fail('"device" must be a non-empty string');
  if (typeof expectations !== 'object' || expectations === null || Array.isArray(expectations)) fail('"expectations" must be an object');
  const out: Record<string, Expectation> = {};
  for (const [id, entry] of Object.entries(expectations as Record<string, unknown>)) {
    if (!isRequirementId(id)) fail(`unknown requirement ID ${id}`);
    const { status, reason, when } = (entry ?? {}) as Record<string, unknown>;
    if (typeof status !== 'string' || !EXPECTABLE.has(status)) fail(`${id}: status must be fail, unimplemented or skip`);
    if (typeof reason !== 'string' || reason.trim() === '') fail(`${id}: a reason is required`);
    const problem = when === undefined ? null : conditionProblem(when);
    if (problem) fail(`${id}: ${problem}`);
    out[id] = { status: status as Expectation['status'], reason: reason as string, ...(when !== undefined ? { when: when as Expectation['when'] } : {}) };
  }
  return { device: device as string, expectations: out };
}

export async function readExpectationsFile(path: string): Promise<ExpectationsFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ExpectationsFileError(path, (error as Error).message);
  }
  return parseExpectations(parsed, path);
}

/** Each path is a file or a folder of *.json files; one file per device. */
export async function loadExpectations(paths: readonly string[]): Promise<Map<string, ExpectationsFile>> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new ExpectationsFileError(path, 'no such file or folder');
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
      files.push(...names.map((n) => join(path, n)));
    } else files.push(path);
  }
  const byDevice = new Map<string, ExpectationsFile>();
  for (const file of files) {
    const parsed = await readExpectationsFile(file);
    if (byDevice.has(parsed.device)) throw new DuplicateExpectationsError(parsed.device);
    byDevice.set(parsed.device, parsed);
  }
  return byDevice;
}

export function expectationLookup(files: ReadonlyMap<string, ExpectationsFile>): ExpectationLookup {
  return (device, requirement) => files.get(device)?.expectations[requirement];
}

/**
 * New expectations from what happened: every fail/unimplemented/skip becomes expected, with
 * the old reason when there was one. Errors are infrastructure, so the previous expectation
 * (if any) is kept rather than learnt.
 */
export function regenerateExpectations(
  results: readonly RequirementResult[],
  previous: ReadonlyMap<string, ExpectationsFile> = new Map(),
  /** Results that need no entry (e.g. a skip the platform already implies). */
  implied: (result: RequirementResult) => boolean = () => false,
  /** Whether a previous entry held on the device (its condition); one that did not is replaced by what was observed. */
  applies: (device: string, requirement: string) => boolean = () => true,
): ExpectationsFile[] {
  const devices = [...new Set(results.map((r) => r.device))].sort();
  return devices.map((device) => {
    const old = previous.get(device)?.expectations ?? {};
    const expectations: Record<string, Expectation> = {};
    for (const r of results.filter((x) => x.device === device).sort((a, b) => a.requirement.localeCompare(b.requirement))) {
      // Errors are infrastructure, blocked results wait for their root: neither is a baseline.
      if (r.status === 'error' || r.status === 'blocked') {
        if (old[r.requirement]) expectations[r.requirement] = old[r.requirement];
      } else if (r.status !== 'pass' && r.status !== 'differs' && !implied(r) && !r.expectationReason?.startsWith(PRECONDITION_REASON)) {
        // A difference from a decision needs no entry: it is no failure (and under --strict the status is fail).
        const kept = old[r.requirement]?.status === r.status && applies(device, r.requirement) ? old[r.requirement] : undefined;
        const reason = kept ? kept.reason : firstLine(r.message) || `observed ${r.status}`;
        expectations[r.requirement] = { status: r.status as Expectation['status'], reason, ...(kept?.when ? { when: kept.when } : {}) };
      }
    }
    return { device, expectations };
  });
}

/** A reason fits on one line of a JSON file. */
const firstLine = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 200);

/** Writes <dir>/<device>.json for each file; returns the paths written. */
export async function writeExpectationsFiles(dir: string, files: readonly ExpectationsFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const path = join(dir, `${file.device}.json`);
    await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
    written.push(path);
  }
  return written;
}

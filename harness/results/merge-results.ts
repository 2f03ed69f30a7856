/**
 * Several runs' results.json (shards of the spec files, groups of devices) as one run report:
 * devices joined by name, results of the same requirement x device folded (the worst status
 * speaks, as within a run), infrastructure errors kept with the folder they came from.
 */
import { applyBlocked, catalogPrerequisites } from './blocked.js';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRunReport, type ReportDevice, type RunReport } from '../reports/run-report.js';
import { RESULTS_SCHEMA_VERSION } from '../reports/results-json.js';
import { isUnexpected } from './aggregate.js';
import type { RequirementResult, ResultStatus } from './types.js';
import { HarnessError } from '../../support/errors/index.js';

export class ResultsFileError extends HarnessError {
  readonly code = 'RESULTS_INVALID';
  constructor(readonly file: string, detail: string, message = `Cannot merge ${file}: ${detail}`) {
    super(message);
  }
}

/** One results.json as written by a run. */
export interface ResultsInput {
  readonly source: string;
  readonly report: Omit<RunReport, 'verdict'>;
}

// Blocked sits under fail: a shard's failure outweighs another's blocked copy, and applyBlocked
// then decides again over the merged set (a prerequisite may have failed in another shard).
const SEVERITY: Record<ResultStatus, number> = { error: 5, fail: 4, blocked: 3, unimplemented: 2, differs: 2, pass: 1, skip: 0 };

/** A folder (its results.json) or the file itself. */
export async function readResultsInput(path: string): Promise<ResultsInput> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ResultsFileError(path, 'no such file or folder');
  const file = info.isDirectory() ? join(path, 'results.json') : path;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ResultsFileError(file, (error as Error).message);
  }
  if (parsed.schemaVersion !== RESULTS_SCHEMA_VERSION) throw new ResultsFileError(file, `schemaVersion ${String(parsed.schemaVersion)}, expected ${RESULTS_SCHEMA_VERSION}`);
  if (!Array.isArray(parsed.results) || !Array.isArray(parsed.devices)) throw new ResultsFileError(file, 'no "results" or "devices" array');
  return { source: file, report: parsed as unknown as RunReport };
}

function fold(a: RequirementResult, b: RequirementResult): RequirementResult {
  const worst = SEVERITY[b.status] > SEVERITY[a.status] ? b : a;
  // A rerun line names no shard: either copy's reruns the requirement on that device.
  const rerun = worst.rerun ?? a.rerun ?? b.rerun;
  return { ...worst, unexpected: isUnexpected(worst.status, worst.expected), tests: [...a.tests, ...b.tests], ...(rerun ? { rerun } : {}) };
}

/** Only unexpected results keep a rerun line (one blocked by another shard's failure: rerun the root). */
function rerunOnlyIfUnexpected(r: RequirementResult): RequirementResult {
  if (r.unexpected || r.rerun === undefined) return r;
  const { rerun: _, ...rest } = r;
  return rest;
}

export function mergeResults(inputs: readonly ResultsInput[]): RunReport {
  if (inputs.length === 0) throw new ResultsFileError('(none)', 'no results to merge');
  const devices = new Map<string, ReportDevice>();
  const results = new Map<string, RequirementResult>();
  const infrastructureErrors: string[] = [];
  for (const { source, report } of inputs) {
    for (const device of report.devices) devices.set(device.name, { ...devices.get(device.name), ...device });
    for (const result of report.results) {
      const key = `${result.device}\u0000${result.requirement}`;
      const seen = results.get(key);
      results.set(key, seen ? fold(seen, result) : result);
    }
    infrastructureErrors.push(...report.infrastructureErrors.map((e) => `${e} (${source})`));
  }
  const backends = [...new Set(inputs.map((i) => i.report.backend).filter((b): b is string => b !== null))];
  const times = (pick: (r: ResultsInput['report']) => string) => inputs.map((i) => pick(i.report)).sort();
  return buildRunReport({
    tool: inputs[0]!.report.tool,
    startedAt: times((r) => r.startedAt)[0]!,
    finishedAt: times((r) => r.finishedAt).at(-1)!,
    devices: [...devices.values()].sort((a, b) => a.name.localeCompare(b.name)),
    backend: backends.length ? backends.join(', ') : null,
    results: applyBlocked([...results.values()], catalogPrerequisites).map(rerunOnlyIfUnexpected).sort((a, b) => a.requirement.localeCompare(b.requirement) || a.device.localeCompare(b.device)),
    infrastructureErrors,
  });
}

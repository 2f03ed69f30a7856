/** Everything the report writers need about one run. */
import { verdictOf, type RunVerdict } from '../results/aggregate.js';
import type { RequirementPlatform } from '../requirements/types.js';
import type { RequirementResult } from '../results/types.js';
import type { DeviceInfo } from '../run/device-info.js';
import type { Provenance } from './provenance.js';

export interface ReportDevice {
  readonly name: string;
  /** The device profile, when the device is named differently (`run --devices`). */
  readonly profile?: string;
  readonly platform: RequirementPlatform | null;
  /** What the app under test reported about itself (runtime and app versions, data directory), when it did. */
  readonly app?: DeviceInfo;
}

export interface RunReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly devices: readonly ReportDevice[];
  readonly backend: string | null;
  readonly results: readonly RequirementResult[];
  /** Infrastructure problems outside any single result (a device that never started, ...). */
  readonly infrastructureErrors: readonly string[];
  readonly verdict: RunVerdict;
  /** What was tested with what (tool, Node, backend, devices and capabilities, expectations). */
  readonly provenance?: Provenance;
}

export function buildRunReport(fields: Omit<RunReport, 'verdict'>): RunReport {
  return { ...fields, verdict: verdictOf(fields.results) };
}

/** 0: nothing unexpected; 1: unexpected results; 3: infrastructure errors (wins over 1). */
export const ExitCode = { ok: 0, unexpected: 1, usage: 2, infrastructure: 3 } as const;

export function exitCodeOf(report: RunReport): number {
  if (report.verdict.errors > 0 || report.infrastructureErrors.length > 0) return ExitCode.infrastructure;
  return report.verdict.unexpected > 0 ? ExitCode.unexpected : ExitCode.ok;
}

/** results.json: the machine-readable record of a run. */
import type { RunReport } from './run-report.js';
import { levelOfResult as levelOf } from './result-level.js';

export const RESULTS_SCHEMA_VERSION = 1;

export function toResultsJson(report: RunReport): string {
  return `${JSON.stringify(
    {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      tool: report.tool,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      backend: report.backend,
      devices: report.devices,
      ...(report.provenance ? { provenance: report.provenance } : {}),
      verdict: report.verdict,
      infrastructureErrors: report.infrastructureErrors,
      results: report.results.map((r) => ({
        requirement: r.requirement,
        device: r.device,
        level: levelOf(r),
        status: r.status,
        expected: r.expected,
        unexpected: r.unexpected,
        expectationReason: r.expectationReason,
        message: r.message,
        observation: r.observation,
        clientResult: r.clientResult,
        serverLog: r.serverLog,
        tests: r.tests,
        ...(r.blockedBy ? { blockedBy: r.blockedBy } : {}),
        ...(r.transcript !== undefined ? { transcript: r.transcript } : {}),
        ...(r.rerun ? { rerun: r.rerun } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}

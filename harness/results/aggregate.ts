/** Folds test outcomes into one result per requirement x device, judged against expectations. */
import type { Expectation, ExpectedStatus, RequirementResult, ResultStatus, TestOutcome } from './types.js';

// The worst outcome speaks for the requirement: an infrastructure error hides any verdict.
const SEVERITY: Record<ResultStatus, number> = { error: 5, fail: 4, unimplemented: 3, blocked: 2, differs: 2, pass: 1, skip: 0 };

export type ExpectationLookup = (device: string, requirement: string) => Expectation | undefined;

export function isUnexpected(status: ResultStatus, expected: ExpectedStatus): boolean {
  if (status === 'blocked' || status === 'differs') return false;
  return status === 'error' || status !== expected;
}

export function aggregateOutcomes(outcomes: readonly TestOutcome[], expectationOf: ExpectationLookup): RequirementResult[] {
  const groups = new Map<string, TestOutcome[]>();
  for (const o of outcomes) {
    const key = `${o.device}\u0000${o.requirement}`;
    const list = groups.get(key) ?? [];
    list.push(o);
    groups.set(key, list);
  }
  const results: RequirementResult[] = [];
  for (const list of groups.values()) {
    const worst = list.reduce((a, b) => (SEVERITY[b.status] > SEVERITY[a.status] ? b : a));
    const { device, requirement } = worst;
    const expectation = expectationOf(device, requirement);
    const expected: ExpectedStatus = expectation?.status ?? 'pass';
    const withEvidence = list.find((o) => o.status === worst.status && o.observation) ?? worst;
    results.push({
      requirement,
      device,
      status: worst.status,
      expected,
      unexpected: isUnexpected(worst.status, expected),
      expectationReason: expectation?.reason ?? null,
      message: worst.message,
      observation: withEvidence.observation ?? null,
      clientResult: withEvidence.clientResult ?? null,
      serverLog: withEvidence.serverLog ?? null,
      ...(withEvidence.transcript !== undefined ? { transcript: withEvidence.transcript } : {}),
      tests: list.map((o) => ({ title: o.title, status: o.status, message: o.message, durationMs: o.durationMs })),
    });
  }
  return results.sort((a, b) => a.requirement.localeCompare(b.requirement) || a.device.localeCompare(b.device));
}

export interface RunVerdict {
  readonly total: number;
  readonly counts: Readonly<Record<ResultStatus, number>>;
  readonly unexpected: number;
  readonly errors: number;
}

export function verdictOf(results: readonly RequirementResult[]): RunVerdict {
  const counts: Record<ResultStatus, number> = { pass: 0, fail: 0, skip: 0, unimplemented: 0, error: 0, blocked: 0, differs: 0 };
  for (const r of results) counts[r.status] += 1;
  return { total: results.length, counts, unexpected: results.filter((r) => r.unexpected).length, errors: counts.error };
}

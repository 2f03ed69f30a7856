/**
 * Whether a conformance run caught a broken runtime: its flagged requirements failed as
 * unexpected results, every other result of the same device passed or skipped (requirements
 * it may also fail excepted), and at least one test passed.
 * Works on results.json rows, so it needs nothing from the harness.
 */
import type { BrokenRuntime } from '../../devices/broken-runtimes/catalog.js';

/** The fields of a results.json row this check reads. */
export interface ResultRow {
  readonly requirement: string;
  readonly device: string;
  readonly status: string;
  readonly unexpected: boolean;
  readonly message?: string;
  readonly tests?: readonly { readonly status: string }[];
}

export interface TeethVerdict {
  /** Flagged requirements the run reported as unexpected failures. */
  readonly caught: readonly string[];
  /** Flagged requirements that did not fail (the suite missed them), or never ran. */
  readonly missed: readonly string[];
  /** Other requirements that failed, errored or were unexpected (the defect is not isolated, or the spec is flaky). */
  readonly collateral: readonly string[];
  /** Tests that passed on the device: evidence the runtime works apart from its defect. */
  readonly passedTests: number;
  readonly ok: boolean;
}

export function teethVerdict(runtime: Pick<BrokenRuntime, 'flags' | 'mayAlsoFlag'>, rows: readonly ResultRow[]): TeethVerdict {
  const flags = new Set([...runtime.flags, ...Object.keys(runtime.mayAlsoFlag ?? {})]);
  const byId = new Map(rows.map((r) => [r.requirement, r]));
  const caught = runtime.flags.filter((id) => byId.get(id)?.status === 'fail' && byId.get(id)?.unexpected === true);
  const missed = runtime.flags.filter((id) => !caught.includes(id));
  const collateral = rows
    .filter((r) => !flags.has(r.requirement) && (r.unexpected || (r.status !== 'pass' && r.status !== 'skip')))
    .map((r) => `${r.requirement}: ${r.status}${r.message ? ` (${r.message.split('\n')[0]})` : ''}`);
  const passedTests = rows.flatMap((r) => r.tests ?? []).filter((t) => t.status === 'pass').length;
  return { caught, missed, collateral, passedTests, ok: missed.length === 0 && collateral.length === 0 && passedTests > 0 };
}

/**
 * Whether a conformance run caught a broken runtime and pointed at its root: its flagged
 * requirements failed as unexpected results, every other result of the same device passed,
 * skipped, or is `blocked` by a flagged requirement (requirements it may also fail excepted),
 * and at least one test passed.
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
  readonly blockedBy?: readonly string[];
  readonly tests?: readonly { readonly status: string }[];
}

export interface TeethVerdict {
  /** Flagged requirements the run reported as unexpected failures. */
  readonly caught: readonly string[];
  /** Flagged requirements that did not fail (the suite missed them), or never ran. */
  readonly missed: readonly string[];
  /** Other requirements that failed, errored, were unexpected, or were blocked by something not flagged. */
  readonly collateral: readonly string[];
  /** Tests that passed on the device: evidence the runtime works apart from its defect. */
  readonly passedTests: number;
  readonly ok: boolean;
}

/**
 * `flags`: the requirements expected to fail on this device (a platform-specific defect passes
 * fewer); a flag blocked by a `mayAlsoFlag` requirement that failed counts as caught (the
 * timing-dependent root took its place).
 */
export function teethVerdict(runtime: Pick<BrokenRuntime, 'flags' | 'mayAlsoFlag'>, rows: readonly ResultRow[]): TeethVerdict {
  const mayAlso = new Set(Object.keys(runtime.mayAlsoFlag ?? {}));
  const allowed = new Set([...runtime.flags, ...mayAlso]);
  const byId = new Map(rows.map((r) => [r.requirement, r]));
  const failedUnexpectedly = (id: string) => byId.get(id)?.status === 'fail' && byId.get(id)?.unexpected === true;
  const blockedByAllowed = (r: ResultRow | undefined) =>
    r?.status === 'blocked' && (r.blockedBy ?? []).length > 0 && (r.blockedBy ?? []).every((id) => allowed.has(id));
  const caught = runtime.flags.filter((id) => failedUnexpectedly(id)
    || (blockedByAllowed(byId.get(id)) && (byId.get(id)?.blockedBy ?? []).every((root) => mayAlso.has(root) && failedUnexpectedly(root))));
  const missed = runtime.flags.filter((id) => !caught.includes(id));
  const collateral = rows
    .filter((r) => !allowed.has(r.requirement))
    .filter((r) => (r.status === 'blocked' ? !blockedByAllowed(r) : r.unexpected || (r.status !== 'pass' && r.status !== 'skip')))
    .map((r) => `${r.requirement}: ${r.status}${r.blockedBy ? ` by ${r.blockedBy.join(', ')}` : ''}${r.message ? ` (${r.message.split('\n')[0]})` : ''}`);
  const passedTests = rows.flatMap((r) => r.tests ?? []).filter((t) => t.status === 'pass').length;
  return { caught, missed, collateral, passedTests, ok: missed.length === 0 && collateral.length === 0 && passedTests > 0 };
}

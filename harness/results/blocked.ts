/**
 * Root causes: a requirement's failure is `blocked` when a requirement it builds on (directly or
 * further up) failed UNEXPECTEDLY on the same device, so a report points at the root instead of
 * at every requirement the defect touches. Blocked results are never unexpected; the root still
 * is. A prerequisite that fails as its expectations file says blocks nothing: otherwise an
 * expected failure (a known limitation) would hide every new defect built on it. A `differs`
 * (a decision) is no failure and blocks nothing either.
 */
import { isRequirementId, requirement } from '../requirements/catalog.js';
import type { RequirementResult, ResultStatus } from './types.js';

/** Requirement ID -> the IDs it builds on (the catalog's `buildsOn`). */
export type PrerequisitesOf = (requirement: string) => readonly string[];

/** The catalog's `buildsOn`. */
export const catalogPrerequisites: PrerequisitesOf = (id) => (isRequirementId(id) ? requirement(id).buildsOn ?? [] : []);

/** Statuses that say the behaviour itself is missing or wrong (errors are infrastructure). */
const FAILING: ReadonlySet<ResultStatus> = new Set(['fail', 'unimplemented']);
/** What a failed prerequisite turns into `blocked`: failures, and differences (a decision's test fails too when what it builds on does). */
const BLOCKABLE: ReadonlySet<ResultStatus> = new Set([...FAILING, 'differs']);

export function applyBlocked(results: readonly RequirementResult[], prerequisitesOf: PrerequisitesOf): RequirementResult[] {
  const byKey = new Map(results.map((r) => [`${r.device}\u0000${r.requirement}`, r]));
  const failing = (device: string, id: string) => {
    const found = byKey.get(`${device}\u0000${id}`);
    return found !== undefined && FAILING.has(found.status) && found.unexpected;
  };
  const memo = new Map<string, readonly string[]>();
  // The unexpectedly failing prerequisites of `id` that have none of their own.
  const rootsBelow = (device: string, id: string, visiting: Set<string>): readonly string[] => {
    const key = `${device}\u0000${id}`;
    const known = memo.get(key);
    if (known) return known;
    if (visiting.has(id)) return []; // a cycle is a catalog defect (catalog.test.ts); never loop
    visiting.add(id);
    const roots = new Set<string>();
    for (const pre of prerequisitesOf(id)) {
      const above = rootsBelow(device, pre, visiting);
      if (above.length) above.forEach((r) => roots.add(r));
      else if (failing(device, pre)) roots.add(pre);
    }
    visiting.delete(id);
    const sorted = [...roots].sort();
    memo.set(key, sorted);
    return sorted;
  };
  return results.map((r) => {
    if (!BLOCKABLE.has(r.status)) return r;
    const roots = rootsBelow(r.device, r.requirement, new Set());
    if (!roots.length) return r;
    return {
      ...r,
      status: 'blocked',
      unexpected: false,
      blockedBy: roots,
      message: `blocked by ${roots.join(', ')} (failed unexpectedly on this device); own result: ${r.status}${r.message ? `: ${r.message}` : ''}`,
    };
  });
}

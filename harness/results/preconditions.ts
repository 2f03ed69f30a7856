/**
 * A test whose precondition does not hold on the runtime (a client that never keeps a
 * connection alive cannot show what happens to a kept-alive one) or on the device (a platform
 * version outside the requirement's) skips. For a requirement that declares such a condition in
 * the catalog (`precondition`, `platformVersion`) that skip is what the run expects: not
 * unexpected, and never learnt into an expectations file.
 */
import { isRequirementId, requirement } from '../requirements/catalog.js';
import type { RequirementResult } from './types.js';

export const PRECONDITION_REASON = 'precondition not met: ';

/** The condition a requirement's tests may skip on, in words; null when it declares none. */
export function conditionOf(id: string): string | null {
  if (!isRequirementId(id)) return null;
  const r = requirement(id);
  const versions = Object.entries(r.platformVersion ?? {}).map(([platform, range]) => `${platform} ${range}`);
  const parts = [...(r.precondition ? [r.precondition] : []), ...(versions.length ? [`applies on ${versions.join(', ')}`] : [])];
  return parts.length ? parts.join('; ') : null;
}

export function applyPreconditions(results: readonly RequirementResult[], conditionFor: (id: string) => string | null = conditionOf): RequirementResult[] {
  return results.map((r) => {
    if (r.status !== 'skip' || r.expected !== 'pass') return r;
    const condition = conditionFor(r.requirement);
    return condition ? { ...r, expected: 'skip', unexpected: false, expectationReason: `${PRECONDITION_REASON}${condition}` } : r;
  });
}

/** A result's level: the one it was judged at, else the catalog's (results of older versions). */
import { isRequirementId, requirement } from '../requirements/catalog.js';
import type { RequirementLevel } from '../requirements/types.js';
import type { RequirementResult } from '../results/types.js';

export function levelOfResult(r: Pick<RequirementResult, 'requirement' | 'level'>): RequirementLevel | 'unknown' {
  return r.level ?? (isRequirementId(r.requirement) ? requirement(r.requirement).level : 'unknown');
}

/**
 * Levels (harness/requirements/types.ts): every result carries its requirement's level, and a
 * failure of a requirement at level `decision` becomes `differs`: the runtime chose otherwise
 * where the sources are open, which is listed in every report but is no failure. A strict run
 * (`--strict`) keeps such failures as they are. Runs before applyBlocked, so a difference
 * blocks nothing.
 */
import { isRequirementId, requirement } from '../requirements/catalog.js';
import type { RequirementLevel } from '../requirements/types.js';
import type { RequirementResult } from './types.js';

/** Requirement ID -> its level (the catalog's; unknown IDs count as documented). */
export type LevelOf = (requirement: string) => RequirementLevel;

export const catalogLevel: LevelOf = (id) => (isRequirementId(id) ? requirement(id).level : 'documented');

export interface LevelOptions {
  /** Decisions count like every other requirement: a difference is a failure. */
  readonly strict?: boolean;
  readonly levelOf?: LevelOf;
}

export function applyLevels(results: readonly RequirementResult[], options: LevelOptions = {}): RequirementResult[] {
  const levelOf = options.levelOf ?? catalogLevel;
  return results.map((r) => {
    const level = levelOf(r.requirement);
    // An expected failure stays what the expectations file says it is.
    if (options.strict || level !== 'decision' || r.status !== 'fail' || r.expected === 'fail') return { ...r, level };
    return {
      ...r,
      level,
      status: 'differs',
      unexpected: false,
      message: `differs from the reference's decision (not a failure; --strict makes it one): ${r.message}`,
    };
  });
}

/** The differences of a run: results whose runtime chose otherwise than the reference. */
export function differencesOf(results: readonly RequirementResult[]): RequirementResult[] {
  return results.filter((r) => r.status === 'differs');
}

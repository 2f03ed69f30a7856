/**
 * From test outcomes to verdicts, in the one order that keeps them honest: fold the outcomes
 * per requirement and device against the expectations, expect the skips of unmet
 * preconditions, turn decision failures into `differs`
 * (unless strict), then attribute what is left to unexpected root failures (`blocked`).
 */
import { aggregateOutcomes, type ExpectationLookup } from './aggregate.js';
import { applyBlocked, catalogPrerequisites, type PrerequisitesOf } from './blocked.js';
import { applyLevels, type LevelOf } from './levels.js';
import { applyPreconditions } from './preconditions.js';
import type { RequirementResult, TestOutcome } from './types.js';

export interface JudgeOptions {
  readonly strict?: boolean;
  readonly prerequisitesOf?: PrerequisitesOf;
  readonly levelOf?: LevelOf;
}

export function judgeOutcomes(outcomes: readonly TestOutcome[], expectationOf: ExpectationLookup, options: JudgeOptions = {}): RequirementResult[] {
  const leveled = applyLevels(applyPreconditions(aggregateOutcomes(outcomes, expectationOf)), {
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
    ...(options.levelOf ? { levelOf: options.levelOf } : {}),
  });
  return applyBlocked(leveled, options.prerequisitesOf ?? catalogPrerequisites);
}

/**
 * A requirement that applies to a device but produced no result is an `error` ("not run"):
 * absent from the reports it would look like nothing was wrong.
 */
import { REQUIREMENTS } from '../requirements/catalog.js';
import type { Requirement, RequirementPlatform } from '../requirements/types.js';
import type { RequirementResult } from './types.js';

export interface NotRunScope {
  readonly devices: readonly { readonly name: string; readonly platform: RequirementPlatform | null }[];
  /** Spec files of the run (repository-relative, as the catalog's checkedBy names them). */
  readonly specs: readonly string[];
  /** An exact filter: only these requirements were meant to run. */
  readonly requirements?: readonly string[];
  readonly catalog?: readonly Requirement[];
}

export function withNotRun(results: readonly RequirementResult[], scope: NotRunScope): RequirementResult[] {
  const have = new Set(results.map((r) => `${r.device}\u0000${r.requirement}`));
  const ran = new Set(scope.specs);
  const missing: RequirementResult[] = [];
  for (const req of scope.catalog ?? REQUIREMENTS) {
    // Server requirements are checked by npm test, not by a device.
    if (req.subject !== 'client' || !req.checkedBy.some((f) => ran.has(f))) continue;
    if (scope.requirements && !scope.requirements.includes(req.id)) continue;
    for (const device of scope.devices) {
      if (device.platform && !req.platforms.includes(device.platform)) continue;
      if (have.has(`${device.name}\u0000${req.id}`)) continue;
      missing.push({
        requirement: req.id, device: device.name, status: 'error', expected: 'pass', unexpected: true, expectationReason: null,
        message: `not run: no test of ${req.checkedBy.join(', ')} reported a result for ${req.id} on this device (a spec file that stopped early, a hook that failed, or a test without its ID in the title)`,
        observation: null, clientResult: null, serverLog: null, tests: [],
      });
    }
  }
  return [...results, ...missing].sort((a, b) => a.requirement.localeCompare(b.requirement) || a.device.localeCompare(b.device));
}

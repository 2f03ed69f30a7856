/**
 * Stage 5, judge: outcomes -> one result per requirement and device, against the expectations.
 * ONE judging step (`judge`) serves both passes: the run's own, and, with
 * --update-expectations, the pass against the files just written; both apply the expectations'
 * platform-version conditions, so the run records exactly what a later run will judge.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { profileDevice, withRerunLines, type DeviceSelector } from '../../reports/rerun.js';
import type { ExpectationLookup } from '../../results/aggregate.js';
import { judgeOutcomes } from '../../results/judge-results.js';
import { conditionalLookup } from '../../results/conditions.js';
import { deviceExpectationLookup } from '../../results/device-expectations.js';
import { regenerateExpectations, writeExpectationsFiles } from '../../results/expectations.js';
import { withNotRun } from '../../results/not-run.js';
import type { ExpectationsFile, RequirementResult, TestOutcome } from '../../results/types.js';
import type { RunDevice } from '../devices-file.js';
import { runExpectations } from '../run-expectations.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface JudgeInput {
  readonly outcomes: readonly TestOutcome[];
  readonly devices: readonly RunDevice[];
  /** The spec files the run gave its devices (absolute paths). */
  readonly specs: readonly string[];
  readonly expectations: ReadonlyMap<string, ExpectationsFile>;
  readonly grep?: string;
  readonly requirements?: readonly string[];
  readonly rerunArgs?: readonly string[];
  readonly rerunDevice?: DeviceSelector;
  /** Where regenerated expectations go, per device; undefined: do not update. */
  readonly updateExpectationsIn?: (device: string) => string;
  /** `--strict`: a difference from the reference's decisions is a failure, not `differs`. */
  readonly strict?: boolean;
}

export interface Judged {
  readonly results: RequirementResult[];
  readonly updatedExpectations: string[];
}

/** The platform version a device asked Appium for: what expectation conditions are judged on. */
export function platformVersionOf(devices: readonly RunDevice[]): (device: string) => string | null {
  return (name) => {
    const device = devices.find((d) => d.name === name);
    const version = device?.capabilities?.['appium:platformVersion'] ?? device?.profile.capabilities({ trustCa: [] })['appium:platformVersion'];
    return typeof version === 'string' ? version : null;
  };
}

/** The default rerunDevice: what `--device <profile>` (and `--implementation`) reproduce exactly. */
function profileDevices(devices: readonly RunDevice[]): DeviceSelector {
  const byName = new Map(devices.map((d) => [d.name, d]));
  return (name) => {
    const device = byName.get(name);
    if (!device || device.name !== device.profile.name || device.capabilities || device.host) return undefined;
    const hosted = device.profile.capabilities({ trustCa: [] })['voltmx:implementation'];
    return [...profileDevice(name), ...(typeof hosted === 'string' ? ['--implementation', hosted] : [])];
  };
}

export async function judgeRun(input: JudgeInput): Promise<Judged> {
  const { devices } = input;
  const platformOf = (name: string) => devices.find((d) => d.name === name)?.profile.platform ?? null;
  const targets = devices.map((d) => ({ name: d.name, profile: d.profile.name, platform: d.profile.platform }));
  const versionOf = platformVersionOf(devices);
  /** The expectations of these files as this run applies them: conditions, then the platform's implied skips. */
  const lookupOf = (files: ReadonlyMap<string, ExpectationsFile>): ExpectationLookup =>
    runExpectations(conditionalLookup(deviceExpectationLookup(files, targets), versionOf), platformOf);
  const judge = (files: ReadonlyMap<string, ExpectationsFile>): RequirementResult[] => {
    const blocked = judgeOutcomes(input.outcomes, lookupOf(files), { strict: input.strict === true });
    // --grep may select any subset of tests: only an unfiltered or exact run knows what must appear.
    const complete = !input.grep || input.requirements !== undefined
      ? withNotRun(blocked, {
        devices: devices.map((d) => ({ name: d.name, platform: d.profile.platform })),
        specs: input.specs.map((s) => relative(REPO_ROOT, s).split('\\').join('/')),
        ...(input.requirements ? { requirements: input.requirements } : {}),
      })
      : blocked;
    return withRerunLines(complete, input.rerunArgs ?? [], input.rerunDevice ?? profileDevices(devices));
  };

  const results = judge(input.expectations);
  const target = input.updateExpectationsIn;
  if (!target || !input.outcomes.length) return { results, updatedExpectations: [] };
  const impliedSkip = (r: RequirementResult) => r.status === 'skip' && runExpectations(() => undefined, platformOf)(r.device, r.requirement)?.status === 'skip';
  // An entry whose condition does not hold on the device is not its baseline: what was observed replaces it.
  const applies = conditionalLookup(deviceExpectationLookup(input.expectations, targets), versionOf);
  const regenerated = regenerateExpectations(results, input.expectations, impliedSkip, (device, requirement) => applies(device, requirement) !== undefined);
  const updatedExpectations: string[] = [];
  for (const file of regenerated) updatedExpectations.push(...await writeExpectationsFiles(target(file.device), [file]));
  // Judged against what was just written, by the same step: the run now records the new baseline.
  return { results: judge(new Map(regenerated.map((f) => [f.device, f]))), updatedExpectations };
}

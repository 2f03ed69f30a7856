/**
 * One conformance run, in named stages (harness/run/stages/): plan -> fleet (PKI, servers) ->
 * devices (preparation, Appium) -> specs (WebdriverIO workers, one session per device) ->
 * judge (expectations) -> report. Run state travels as values from stage to stage; everything
 * a stage started is stopped here, in reverse order, whatever happens.
 */
import { mkdir } from 'node:fs/promises';
import { scrubSecrets } from '../../devices/appium-server/index.js';
import { exitCodeOf } from '../reports/run-report.js';
import type { TestOutcome } from '../results/types.js';
import type { DeviceInfo } from './device-info.js';
import { RunInterruptedError } from './errors.js';
import { deviceCapabilities } from './devices-file.js';
import { createRunFolder } from './run-environment.js';
import { runSecrets } from './run-secrets.js';
import type { MutableTimings, RunOptions, RunOutcome } from './run-options.js';
import { attachServerEvidence } from './server-evidence.js';
import { startDevices } from './stages/devices.js';
import { startFleet } from './stages/fleet.js';
import { judgeRun } from './stages/verdicts.js';
import { planRun } from './stages/plan.js';
import { writeRunReport } from './stages/report.js';
import { runSpecs } from './stages/specs.js';
import { RunTeardown } from './stages/teardown.js';

export type { RunOptions, RunOutcome, RunTimings } from './run-options.js';

function interruption(signal: AbortSignal | undefined): RunInterruptedError | undefined {
  if (!signal?.aborted) return undefined;
  const reason: unknown = signal.reason;
  if (reason instanceof RunInterruptedError) return reason;
  return new RunInterruptedError(typeof reason === 'string' ? reason : 'aborted');
}

/** What the stages that need the fleet hand to judging. */
interface Observed {
  outcomes: readonly TestOutcome[];
  deviceInfo: Readonly<Record<string, DeviceInfo>>;
  /** Devices that failed the wiring self-test: not judged (their one error says why). */
  miswired: ReadonlySet<string>;
  serverCaPem: string | null;
}

export async function runConformance(given: RunOptions): Promise<RunOutcome> {
  // Secrets of the capabilities and the Appium URL never reach a log line, a report or a log file.
  const plan = planRun(given);
  const secrets = runSecrets(plan.devices.map((d) => deviceCapabilities(d, [])), given.appiumUrl);
  // The persistent bundled set's password lasts beyond the run (it travels in load commands, so Appium logs it).
  const bundled = given.persistentPki?.bundled;
  if (bundled?.state === 'present') secrets.push(bundled.set.password);
  const log = (line: string): void => given.log(scrubSecrets(line, secrets));
  const options: RunOptions = { ...given, log };
  const startedAt = new Date().toISOString();
  const runStarted = Date.now();
  const timings: MutableTimings = { pkiMs: null, fleetMs: null, appiumMs: null, specsMs: null, reportsMs: 0, teardownMs: 0, totalMs: 0 };
  const teardown = new RunTeardown();
  const { dir: runDir, cleanup: runDirCleanup } = await createRunFolder();
  teardown.add(() => runDirCleanup.run());
  await mkdir(plan.reportDir, { recursive: true });
  const infrastructureErrors: string[] = [];
  const observed: Observed = { outcomes: [], deviceInfo: {}, miswired: new Set(), serverCaPem: null };
  let interrupted: RunInterruptedError | undefined;
  // A stage is never abandoned half-way: the abort is honoured between stages.
  const checkpoint = () => {
    interrupted = interruption(options.signal);
    if (interrupted) throw interrupted;
  };
  try {
    checkpoint();
    const fleet = await startFleet(plan, options, timings, teardown, checkpoint);
    observed.serverCaPem = fleet.pki.serverCa.pem;
    checkpoint();
    const appium = await startDevices(plan, fleet, options, timings, teardown, checkpoint);
    checkpoint();
    const specs = await runSpecs(plan, fleet, appium, runDir, options, secrets, timings, checkpoint);
    const evidenceStarted = Date.now();
    const withEvidence = await attachServerEvidence(specs.outcomes, fleet.fleet);
    infrastructureErrors.push(...specs.infrastructureErrors, ...withEvidence.infrastructureErrors);
    observed.outcomes = withEvidence.outcomes;
    observed.deviceInfo = specs.deviceInfo;
    observed.miswired = specs.miswired;
    timings.reportsMs += Date.now() - evidenceStarted;
  } catch (error) {
    interrupted ??= interruption(options.signal);
    if (!interrupted) infrastructureErrors.push((error as Error).message);
  } finally {
    const teardownStarted = Date.now();
    infrastructureErrors.push(...await teardown.run());
    timings.teardownMs = Date.now() - teardownStarted;
  }
  if (interrupted) {
    log(`  stopped after the interruption in ${timings.teardownMs} ms`);
    throw interrupted;
  }
  const reportStarted = Date.now();
  const { results, updatedExpectations } = await judgeRun({
    outcomes: observed.outcomes, devices: plan.devices.filter((d) => !observed.miswired.has(d.name)), specs: plan.specs, expectations: options.expectations,
    ...(options.grep !== undefined ? { grep: options.grep } : {}),
    ...(options.requirements ? { requirements: options.requirements } : {}),
    ...(options.rerunArgs ? { rerunArgs: options.rerunArgs } : {}),
    ...(options.rerunDevice ? { rerunDevice: options.rerunDevice } : {}),
    ...(options.updateExpectationsIn ? { updateExpectationsIn: options.updateExpectationsIn } : {}),
    ...(options.strict ? { strict: true } : {}),
  });
  const { report, written } = await writeRunReport(plan, options, secrets, { startedAt, results, infrastructureErrors, deviceInfo: observed.deviceInfo, serverCaPem: observed.serverCaPem });
  timings.reportsMs += Date.now() - reportStarted;
  timings.totalMs = Date.now() - runStarted;
  return { report, exitCode: exitCodeOf(report), written, updatedExpectations, runDir, timings };
}

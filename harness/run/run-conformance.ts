/**
 * One conformance run: PKI -> server fleet -> Appium -> WebdriverIO (mocha specs, one
 * capability per device, in parallel) -> outcomes -> expectations -> reports.
 * Everything started here is stopped here, whatever happens.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Launcher } from '@wdio/cli';
import { automationNamesOf, startAppium, type StartedAppium } from '../../devices/appium-server/index.js';
import type { DeviceProfile } from '../../devices/profiles/index.js';
import { ServerFleet, type StartedServerFleet } from '../../servers/fleet/server-fleet.js';
import { exposureWarning, type FleetNetwork } from '../../servers/fleet/network.js';
import type { LoadedPersistentPki } from '../../servers/pki/persistent/index.js';
import { DOWNLOAD_SCENARIO } from '../../servers/scenarios/downloads.js';
import type { BackendName } from '../../servers/fleet/types.js';
import { createTestPki, type CreatedTestPki } from '../../servers/pki/index.js';
import { buildRunReport, exitCodeOf, type RunReport } from '../reports/run-report.js';
import { writeReports, type WrittenReports } from '../reports/write-reports.js';
import { aggregateOutcomes, type ExpectationLookup } from '../results/aggregate.js';
import { applyBlocked, catalogPrerequisites } from '../results/blocked.js';
import { withNotRun } from '../results/not-run.js';
import { conditionalLookup } from '../results/conditions.js';
import { withRerunLines } from '../reports/rerun.js';
import { implementationOf, publicCapabilities, publicUrl, type Provenance } from '../reports/provenance.js';
import { PROFILE_NAMES } from '../../devices/profiles/index.js';
import { relative } from 'node:path';
import { release, type as osType } from 'node:os';
import { expectationLookup, regenerateExpectations, writeExpectationsFiles } from '../results/expectations.js';
import type { ExpectationsFile, RequirementResult, TestOutcome } from '../results/types.js';
import { collectOutcomes, type CollectedOutcomes } from './collect-outcomes.js';
import { deviceHost, needsPreparation, prepareDevices, type ReachOptions } from './device-reach.js';
import type { CommandRunner } from '../../devices/prepare/index.js';
import { RunInfrastructureError, RunInterruptedError } from './errors.js';
import { logExcerpt, runExpectations } from './judge.js';
import { DEVICE_CAPABILITY } from './requirement-reporter.js';
import { RUN_CONTEXT_ENV, type RunContext } from './run-context.js';
import { wdioConfigSource } from './wdio-config.js';

export interface RunOptions {
  readonly profiles: readonly DeviceProfile[];
  readonly backend: BackendName;
  readonly specs: readonly string[];
  readonly expectations: ReadonlyMap<string, ExpectationsFile>;
  /** Where regenerated expectations go, per device; undefined: do not update. */
  readonly updateExpectationsIn?: (device: string) => string;
  readonly reportDir: string;
  readonly grep?: string;
  /** An exact filter (`run --requirement`): only these requirements; `grep` selects their tests. */
  readonly requirements?: readonly string[];
  /** Arguments every rerun line repeats (backend, implementation, expectations, network). */
  readonly rerunArgs?: readonly string[];
  /** The expectations files or folders given (provenance). */
  readonly expectationSources?: readonly string[];
  readonly appiumUrl?: string;
  readonly keepPki: boolean;
  /** Issue the run's leaves under these persistent roots (`run --pki`); default: a throwaway PKI. */
  readonly persistentPki?: LoadedPersistentPki;
  /** --bind / --ports. */
  readonly network?: FleetNetwork;
  /** --host (server certificate SANs; the first goes into device URLs) and --adb-reverse. */
  readonly reach?: ReachOptions;
  /** Runs adb / xcrun for the device preparation; default: the real tools. */
  readonly commandRunner?: CommandRunner;
  readonly tool: { name: string; version: string };
  readonly log: (line: string) => void;
  /**
   * Aborting stops the run: the WebdriverIO workers are shut down, a stage in progress ends,
   * then everything is torn down as usual and runConformance rejects with RunInterruptedError
   * (no report). A stage is never abandoned half-way, so what it started is always stopped.
   */
  readonly signal?: AbortSignal;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly exitCode: number;
  readonly written: WrittenReports;
  readonly updatedExpectations: readonly string[];
  /** The private folder of the run (context, generated config, outcomes); already removed. */
  readonly runDir: string;
  readonly timings: RunTimings;
}

/** Wall-clock milliseconds per stage (what the log's "done in" lines say); null: not reached. */
export interface RunTimings {
  readonly pkiMs: number | null;
  readonly fleetMs: number | null;
  /** Start of the local Appium server (or the check of a remote one). */
  readonly appiumMs: number | null;
  /** The WebdriverIO launcher: workers, sessions and every spec, all devices in parallel. */
  readonly specsMs: number | null;
  /** Collecting outcomes, server health, expectations, writing the reports. */
  readonly reportsMs: number;
  /** Stopping Appium and the fleet, removing the PKI and the run folder. */
  readonly teardownMs: number;
  readonly totalMs: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

async function stage<T>(name: string, log: (line: string) => void, work: () => Promise<T>, done: (ms: number) => void): Promise<T> {
  const started = Date.now();
  log(`- ${name} ...`);
  try {
    const value = await work();
    const ms = Date.now() - started;
    done(ms);
    log(`  ${name}: done in ${ms} ms`);
    return value;
  } catch (error) {
    throw error instanceof RunInfrastructureError ? error : new RunInfrastructureError(name, (error as Error).message);
  }
}

function contextOf(pki: CreatedTestPki, fleet: StartedServerFleet, profiles: readonly DeviceProfile[], outcomesDir: string, reach: ReachOptions): RunContext {
  return {
    backend: fleet.backend,
    origins: Object.fromEntries(fleet.endpoints().map((e) => [e.scenario, e.origin])),
    serverCaPem: pki.serverCa.pem,
    identities: Object.fromEntries(Object.values(pki.identities).map((i) => [i.name, {
      keyType: i.keyType, subject: i.subject, issuer: i.issuer, serial: i.serial, fingerprint: i.fingerprint,
    }])),
    bundles: Object.fromEntries(Object.values(pki.bundles).map((b) => [b.name, { ...b }])),
    devices: Object.fromEntries(profiles.map((p) => [p.name, { name: p.name, platform: p.platform, appId: p.appId, hostAlias: deviceHost(p, reach), pushPathTemplate: p.pushPath('{fileName}'), appPathTemplate: p.appPath('{fileName}'), pushLayout: p.pushLayout, actionTimeoutMs: p.actionTimeoutMs }])),
    outcomesDir,
  };
}

function interruption(signal: AbortSignal | undefined): RunInterruptedError | undefined {
  if (!signal?.aborted) return undefined;
  const reason: unknown = signal.reason;
  if (reason instanceof RunInterruptedError) return reason;
  return new RunInterruptedError(typeof reason === 'string' ? reason : 'aborted');
}

/** Stops the launcher's workers when the run is aborted while the specs run. */
function shutdownOnAbort(signal: AbortSignal | undefined, launcher: Launcher): () => void {
  const onAbort = () => {
    // `runner` exists once run() has loaded the configuration; before that no worker exists.
    void Promise.resolve(launcher.runner?.shutdown()).catch(() => {});
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return () => signal?.removeEventListener('abort', onAbort);
}

const toPath = (spec: string): string => (spec.startsWith('file:') ? fileURLToPath(spec) : resolve(spec));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Outcomes -> one result per requirement and device, with root causes and not-run errors. */
function judgeResults(outcomes: readonly TestOutcome[], lookup: ExpectationLookup, options: RunOptions): RequirementResult[] {
  const blocked = applyBlocked(aggregateOutcomes(outcomes, lookup), catalogPrerequisites);
  // --grep may select any subset of tests: only an unfiltered or exact run knows what must appear.
  const complete = !options.grep || options.requirements !== undefined
    ? withNotRun(blocked, {
      devices: options.profiles.map((p) => ({ name: p.name, platform: p.platform })),
      specs: options.specs.map((s) => relative(REPO_ROOT, toPath(s)).split('\\').join('/')),
      ...(options.requirements ? { requirements: options.requirements } : {}),
    })
    : blocked;
  const profiles = new Set<string>(PROFILE_NAMES);
  return withRerunLines(complete, options.rerunArgs ?? [], (device) => profiles.has(device));
}

function provenanceOf(options: RunOptions, trustCa: string[]): Provenance {
  return {
    tool: options.tool,
    node: process.version,
    os: `${osType()} ${release()}`,
    backend: options.backend,
    appium: publicUrl(options.appiumUrl) ?? 'local (started by the run)',
    devices: options.profiles.map((p) => {
      const capabilities = p.capabilities({ trustCa });
      return { name: p.name, profile: p.name, platform: p.platform, implementation: implementationOf(capabilities), capabilities: publicCapabilities(capabilities) };
    }),
    expectations: options.expectationSources ?? [],
    filter: options.requirements?.length ? `--requirement ${options.requirements.join(' --requirement ')}` : options.grep ? `--grep ${options.grep}` : null,
  };
}

export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const { log } = options;
  const startedAt = new Date().toISOString();
  const runStarted = Date.now();
  const timings: Mutable<RunTimings> = { pkiMs: null, fleetMs: null, appiumMs: null, specsMs: null, reportsMs: 0, teardownMs: 0, totalMs: 0 };
  const runDir = await mkdtemp(join(tmpdir(), 'voltmx-run-'));
  await chmod(runDir, 0o700);
  const reportDir = resolve(options.reportDir);
  await mkdir(reportDir, { recursive: true });
  let pki: CreatedTestPki | undefined;
  let fleet: StartedServerFleet | undefined;
  let appium: StartedAppium | undefined;
  let undoPreparation: (() => Promise<void>) | undefined;
  const reach = options.reach ?? {};
  const infrastructureErrors: string[] = [];
  let outcomes: TestOutcome[] = [];
  let deviceInfo: CollectedOutcomes['deviceInfo'] = {};
  let interrupted: RunInterruptedError | undefined;
  const checkpoint = () => {
    interrupted = interruption(options.signal);
    if (interrupted) throw interrupted;
  };
  try {
    checkpoint();
    const persistent = options.persistentPki;
    pki = await stage(persistent ? 'test PKI (leaves under the persistent roots)' : 'test PKI', log, () => createTestPki({
      keep: options.keepPki, extraHostNames: reach.hosts ?? [], ...(persistent ? { roots: persistent.roots } : {}),
    }), (ms) => { timings.pkiMs = ms; });
    if (persistent) log(`  persistent test PKI ${persistent.dir}: server CA sha256 ${persistent.serverCaSha256}, valid until ${persistent.notAfter.toISOString()}`);
    if (options.keepPki) log(`  PKI kept in ${pki.dir}`);
    const createdPki = pki;
    checkpoint();
    fleet = await stage(`${options.backend} server fleet`, log, () => new ServerFleet(createdPki).withBackend(options.backend).withNetwork(options.network ?? {}).start(), (ms) => { timings.fleetMs = ms; });
    for (const e of fleet.endpoints()) log(`  ${e.scenario.padEnd(28)} ${e.origin}`);
    const ports = fleet.endpoints().map((e) => e.port);
    const warning = exposureWarning(fleet.exposure.bind, ports, DOWNLOAD_SCENARIO);
    if (warning) log(warning);
    if (needsPreparation({ profiles: options.profiles, adbReverse: reach.adbReverse })) {
      checkpoint();
      undoPreparation = await stage('device preparation', log, () => prepareDevices({
        ...reach, profiles: options.profiles, ports, serverCaPath: createdPki.serverCa.path, log,
        ...(options.commandRunner ? { runner: options.commandRunner } : {}),
      }), () => {});
    }
    checkpoint();
    appium = await stage(
      options.appiumUrl ? `Appium at ${options.appiumUrl}` : 'local Appium server', log,
      // A local server first checks that every profile's automationName has a driver.
      () => startAppium({ remoteUrl: options.appiumUrl, logFile: join(reportDir, 'appium.log'), automationNames: automationNamesOf(options.profiles) }),
      (ms) => { timings.appiumMs = ms; },
    );
    log(`  Appium: ${appium.url.href}`);

    const outcomesDir = join(runDir, 'outcomes');
    const contextFile = join(runDir, 'context.json');
    await writeFile(contextFile, JSON.stringify(contextOf(pki, fleet, options.profiles, outcomesDir, reach)), { mode: 0o600 });
    const configFile = join(runDir, 'wdio.conf.mjs');
    const logsDir = join(reportDir, 'wdio-logs');
    const capabilities = options.profiles.map((p) => ({ ...p.capabilities({ trustCa: [createdPki.serverCa.pem] }), [DEVICE_CAPABILITY]: p.name }));
    await writeFile(configFile, wdioConfigSource({ appiumUrl: appium.url, specs: options.specs, capabilities, contextFile, outcomesDir, logsDir, grep: options.grep }));

    process.env[RUN_CONTEXT_ENV] = contextFile;
    checkpoint();
    const launcher = new Launcher(configFile, {});
    const stopListening = shutdownOnAbort(options.signal, launcher);
    const launcherExit = await stage(`specs on ${options.profiles.map((p) => p.name).join(', ')}`, log, () => launcher.run(), (ms) => { timings.specsMs = ms; })
      .finally(stopListening);
    // Specs cut short say nothing about the client: no verdict.
    checkpoint();
    const judgeStarted = Date.now();
    const collected = await collectOutcomes(outcomesDir);
    outcomes = collected.outcomes;
    deviceInfo = collected.deviceInfo;
    for (const incident of collected.incidents.filter((i) => i.stage === 'hook')) infrastructureErrors.push(`${incident.device}: ${incident.message}`);
    for (const profile of options.profiles) {
      const ran = new Set(collected.started.filter((s) => s.device === profile.name).flatMap((s) => s.specs.map(toPath)));
      const missing = options.specs.filter((spec) => !ran.has(resolve(spec)));
      // With --grep a spec file may match no test at all; then only a device that ran nothing is suspect.
      if (missing.length && (!options.grep || ran.size === 0)) {
        const sessionErrors = [...new Set(collected.incidents.filter((i) => i.stage === 'session' && i.device === profile.name).map((i) => i.message))];
        const why = sessionErrors.join(' | ') || `launcher exit ${launcherExit}`;
        infrastructureErrors.push(`${profile.name}: ${missing.length} spec file(s) never started (${why}); logs: ${join(reportDir, 'appium.log')}, ${logsDir}`);
      }
    }
    const health = await fleet.classify(null);
    if (health) {
      // A judge died: no failure seen during the run can be trusted as the client's.
      const why = `server fleet failed during the run: ${(health as Error).message}`;
      infrastructureErrors.push(why);
      outcomes = outcomes.map((o) => (o.status === 'fail' ? { ...o, status: 'error', message: `${why}\n(was: ${o.message})` } : o));
    }
    const live = fleet;
    outcomes = outcomes.map((o) => (o.status !== 'pass' && o.scenario ? { ...o, serverLog: logExcerpt(live.logs(o.scenario)) } : o));
    timings.reportsMs += Date.now() - judgeStarted;
  } catch (error) {
    interrupted ??= interruption(options.signal);
    if (!interrupted) infrastructureErrors.push((error as Error).message);
  } finally {
    const teardownStarted = Date.now();
    delete process.env[RUN_CONTEXT_ENV];
    await appium?.stop().catch((e: Error) => infrastructureErrors.push(`stopping Appium: ${e.message}`));
    await undoPreparation?.();
    await fleet?.stop().catch((e: Error) => infrastructureErrors.push(`stopping servers: ${e.message}`));
    if (!options.keepPki) await pki?.dispose().catch(() => {});
    await rm(runDir, { recursive: true, force: true });
    timings.teardownMs = Date.now() - teardownStarted;
  }
  if (interrupted) {
    log(`  stopped after the interruption in ${timings.teardownMs} ms`);
    throw interrupted;
  }
  const reportStarted = Date.now();

  const platformOf = (device: string) => options.profiles.find((p) => p.name === device)?.platform ?? null;
  // Conditions (platform versions) are judged on what the profile asked Appium for.
  const platformVersionOf = (device: string) => {
    const version = options.profiles.find((p) => p.name === device)?.capabilities({ trustCa: [] })['appium:platformVersion'];
    return typeof version === 'string' ? version : null;
  };
  let lookup = runExpectations(conditionalLookup(expectationLookup(options.expectations), platformVersionOf), platformOf);
  let results = judgeResults(outcomes, lookup, options);
  const updatedExpectations: string[] = [];
  if (options.updateExpectationsIn && outcomes.length) {
    const impliedSkip = (r: { device: string; requirement: string; status: string }) =>
      r.status === 'skip' && runExpectations(() => undefined, platformOf)(r.device, r.requirement)?.status === 'skip';
    const regenerated = regenerateExpectations(results, options.expectations, impliedSkip);
    const target = options.updateExpectationsIn;
    for (const file of regenerated) {
      const written = await writeExpectationsFiles(target(file.device), [file]);
      updatedExpectations.push(...written);
    }
    // Judged against what was just written: the run now records the new baseline.
    lookup = runExpectations(expectationLookup(new Map(regenerated.map((f) => [f.device, f]))), platformOf);
    results = judgeResults(outcomes, lookup, options);
  }
  const report = buildRunReport({
    tool: options.tool, startedAt, finishedAt: new Date().toISOString(),
    devices: options.profiles.map((p) => ({ name: p.name, platform: p.platform, ...(deviceInfo[p.name] ? { app: deviceInfo[p.name] } : {}) })),
    backend: options.backend, results, infrastructureErrors,
    provenance: provenanceOf(options, pki ? [pki.serverCa.pem] : []),
  });
  const written = await writeReports(reportDir, report);
  timings.reportsMs += Date.now() - reportStarted;
  timings.totalMs = Date.now() - runStarted;
  return { report, exitCode: exitCodeOf(report), written, updatedExpectations, runDir, timings };
}

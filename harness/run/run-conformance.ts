/**
 * One conformance run: PKI -> server fleet -> Appium -> WebdriverIO (mocha specs, one
 * capability per device, in parallel) -> outcomes -> expectations -> reports.
 * Everything started here is stopped here, whatever happens.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Launcher } from '@wdio/cli';
import { automationNamesOf, printableUrl, scrubSecrets, startAppium, type StartedAppium } from '../../devices/appium-server/index.js';
import type { DeviceProfile } from '../../devices/profiles/index.js';
import type { StartedServerFleet } from '../../servers/fleet/server-fleet.js';
import type { FleetNetwork } from '../../servers/fleet/network.js';
import type { LoadedPersistentPki } from '../../servers/pki/persistent/index.js';
import type { BackendName } from '../../servers/backend-kit/types.js';
import type { CreatedTestPki } from '../../servers/pki/index.js';
import { buildRunReport, exitCodeOf, type RunReport } from '../reports/run-report.js';
import { writeReports, type WrittenReports } from '../reports/write-reports.js';
import type { ExpectationLookup } from '../results/aggregate.js';
import { judgeOutcomes } from '../results/judge-results.js';
import { withNotRun } from '../results/not-run.js';
import { conditionalLookup } from '../results/conditions.js';
import { profileDevice, withRerunLines, type DeviceSelector } from '../reports/rerun.js';
import { implementationOf, publicCapabilities, publicUrl, type Provenance } from '../reports/provenance.js';
import { relative } from 'node:path';
import { release, type as osType } from 'node:os';
import { regenerateExpectations, writeExpectationsFiles } from '../results/expectations.js';
import { deviceExpectationLookup } from '../results/device-expectations.js';
import type { ExpectationsFile, RequirementResult, TestOutcome } from '../results/types.js';
import { collectOutcomes, type CollectedOutcomes } from './collect-outcomes.js';
import { needsPreparation, prepareDevices, udidOf, type ReachOptions } from './device-reach.js';
import type { CommandRunner } from '../../devices/prepare/index.js';
import { RunInterruptedError } from './errors.js';
import { logExcerpt, runExpectations, TRANSCRIPT_WAIT_MS, transcriptsOf } from './judge.js';
import { deviceCapabilities, devicesOfProfiles, type RunDevice } from './devices-file.js';
import { RUN_CONTEXT_ENV } from './run-context.js';
import { createRunFolder, runContextOf, stage, startRunFleet, startRunPki, writeRunContext } from './run-environment.js';
import { APPIUM_AUTH_ENV, wdioConfigSource } from './wdio-config.js';
import { runSecrets, scrubFiles, scrubProcessOutput, scrubValue } from './run-secrets.js';

export interface RunOptions {
  /** Devices named after their profiles (`--device`); ignored when `devices` is given. */
  readonly profiles?: readonly DeviceProfile[];
  /** Named devices (`--devices <file>`): results, reports and expectations are keyed by name. */
  readonly devices?: readonly RunDevice[];
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
  /**
   * The arguments that select one device in a rerun line (the CLI: `--device <profile>`, or
   * `--devices <file> --only-device <name>`). Default: `--device <profile>` for a device named
   * after its profile with nothing of its own, with the implementation it hosts; others none.
   */
  readonly rerunDevice?: DeviceSelector;
  /** `--strict`: a difference from the reference's decisions is a failure, not `differs`. */
  readonly strict?: boolean;
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
function judgeResults(outcomes: readonly TestOutcome[], lookup: ExpectationLookup, options: RunOptions, devices: readonly RunDevice[]): RequirementResult[] {
  const blocked = judgeOutcomes(outcomes, lookup, { strict: options.strict === true });
  // --grep may select any subset of tests: only an unfiltered or exact run knows what must appear.
  const complete = !options.grep || options.requirements !== undefined
    ? withNotRun(blocked, {
      devices: devices.map((d) => ({ name: d.name, platform: d.profile.platform })),
      specs: options.specs.map((s) => relative(REPO_ROOT, toPath(s)).split('\\').join('/')),
      ...(options.requirements ? { requirements: options.requirements } : {}),
    })
    : blocked;
  return withRerunLines(complete, options.rerunArgs ?? [], options.rerunDevice ?? profileDevices(devices));
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

function provenanceOf(options: RunOptions, devices: readonly RunDevice[], trustCa: string[]): Provenance {
  return {
    tool: options.tool,
    node: process.version,
    os: `${osType()} ${release()}`,
    backend: options.backend,
    appium: publicUrl(options.appiumUrl) ?? 'local (started by the run)',
    devices: devices.map((d) => {
      const capabilities = deviceCapabilities(d, trustCa);
      return { name: d.name, profile: d.profile.name, platform: d.profile.platform, implementation: implementationOf(capabilities), capabilities: publicCapabilities(capabilities) };
    }),
    expectations: options.expectationSources ?? [],
    filter: options.requirements?.length ? `--requirement ${options.requirements.join(' --requirement ')}` : options.grep ? `--grep ${options.grep}` : null,
  };
}

export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const secrets = runSecrets((options.devices ?? devicesOfProfiles(options.profiles ?? [])).map((d) => deviceCapabilities(d, [])), options.appiumUrl);
  const log = (line: string): void => options.log(scrubSecrets(line, secrets));
  const startedAt = new Date().toISOString();
  const runStarted = Date.now();
  const timings: Mutable<RunTimings> = { pkiMs: null, fleetMs: null, appiumMs: null, specsMs: null, reportsMs: 0, teardownMs: 0, totalMs: 0 };
  const { dir: runDir, cleanup: runDirCleanup } = await createRunFolder();
  const reportDir = resolve(options.reportDir);
  await mkdir(reportDir, { recursive: true });
  let pki: CreatedTestPki | undefined;
  let fleet: StartedServerFleet | undefined;
  let appium: StartedAppium | undefined;
  let undoPreparation: (() => Promise<void>) | undefined;
  const reach = options.reach ?? {};
  const devices = options.devices ?? devicesOfProfiles(options.profiles ?? []);
  const profiles = [...new Set(devices.map((d) => d.profile))];
  // Every host a device uses must be in the server certificate.
  const hostNames = [...new Set([...(reach.hosts ?? []), ...devices.flatMap((d) => (d.host ? [d.host] : []))])];
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
    pki = await startRunPki({ keepPki: options.keepPki, hosts: hostNames, ...(options.persistentPki ? { persistentPki: options.persistentPki } : {}) }, log, (ms) => { timings.pkiMs = ms; });
    const createdPki = pki;
    checkpoint();
    fleet = await startRunFleet(createdPki, { backend: options.backend, ...(options.network ? { network: options.network } : {}) }, log, (ms) => { timings.fleetMs = ms; });
    const ports = fleet.endpoints().map((e) => e.port);
    const prepared = devices.map((d) => {
      const udid = udidOf(deviceCapabilities(d, []));
      // Through a remote Appium or a Grid a simulator's udid names one on another Mac: no local keychain step.
      const ownsDevice = d.profile.platform === 'android' || !options.appiumUrl;
      return { name: d.name, profile: d.profile, ...(udid && ownsDevice ? { udid } : {}) };
    });
    if (needsPreparation({ devices: prepared, adbReverse: reach.adbReverse })) {
      checkpoint();
      undoPreparation = await stage('device preparation', log, () => prepareDevices({
        ...reach, devices: prepared, ports, serverCaPath: createdPki.serverCa.path, log,
        ...(options.commandRunner ? { runner: options.commandRunner } : {}),
      }), () => {});
    }
    checkpoint();
    appium = await stage(
      options.appiumUrl ? `Appium at ${printableUrl(options.appiumUrl)}` : 'local Appium server', log,
      // A local server first checks that every profile's automationName has a driver.
      () => startAppium({ remoteUrl: options.appiumUrl, logFile: join(reportDir, 'appium.log'), automationNames: automationNamesOf(profiles) }),
      (ms) => { timings.appiumMs = ms; },
    );
    log(`  Appium: ${appium.url.href}`);

    const outcomesDir = join(runDir, 'outcomes');
    const contextFile = await writeRunContext(runDir, runContextOf(pki, fleet, devices, outcomesDir, reach));
    const configFile = join(runDir, 'wdio.conf.mjs');
    const logsDir = join(reportDir, 'wdio-logs');
    const capabilities = devices.map((d) => deviceCapabilities(d, [createdPki.serverCa.pem]));
    await writeFile(configFile, wdioConfigSource({ appiumUrl: appium.url, specs: options.specs, capabilities, contextFile, outcomesDir, logsDir, grep: options.grep }));

    process.env[RUN_CONTEXT_ENV] = contextFile;
    const authorization = appium.requestHeaders().Authorization;
    if (authorization) process.env[APPIUM_AUTH_ENV] = authorization;
    checkpoint();
    const launcher = new Launcher(configFile, {});
    const stopListening = shutdownOnAbort(options.signal, launcher);
    const stopScrubbing = scrubProcessOutput(secrets);
    const launcherExit = await stage(`specs on ${devices.map((d) => d.name).join(', ')}`, log, () => launcher.run(), (ms) => { timings.specsMs = ms; })
      .finally(() => {
        stopListening();
        stopScrubbing();
      });
    // Specs cut short say nothing about the client: no verdict.
    checkpoint();
    const judgeStarted = Date.now();
    const collected = await collectOutcomes(outcomesDir);
    outcomes = collected.outcomes;
    deviceInfo = collected.deviceInfo;
    for (const incident of collected.incidents.filter((i) => i.stage === 'hook')) infrastructureErrors.push(`${incident.device}: ${incident.message}`);
    for (const profile of devices) {
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
    // Excerpts first: looking up transcripts may probe a server (nginx, the Java judge), which nginx logs.
    outcomes = outcomes.map((o) => (o.status !== 'pass' && o.scenario ? { ...o, serverLog: logExcerpt(live.logs(o.scenario)) } : o));
    // One short wait for the whole run: a backend may log the last exchange just after answering it.
    const settled = Date.now() + TRANSCRIPT_WAIT_MS;
    const lookup = (scenario: string, exchange: string): Promise<unknown> => live.settledTranscript(scenario, exchange, settled);
    const withTranscripts: typeof outcomes = [];
    for (const o of outcomes) {
      const transcript = o.status === 'pass' ? null : await transcriptsOf(o.exchanges, lookup);
      withTranscripts.push(transcript ? { ...o, transcript } : o);
    }
    outcomes = withTranscripts;
    timings.reportsMs += Date.now() - judgeStarted;
  } catch (error) {
    interrupted ??= interruption(options.signal);
    if (!interrupted) infrastructureErrors.push((error as Error).message);
  } finally {
    const teardownStarted = Date.now();
    delete process.env[RUN_CONTEXT_ENV];
    delete process.env[APPIUM_AUTH_ENV];
    await appium?.stop().catch((e: Error) => infrastructureErrors.push(`stopping Appium: ${e.message}`));
    await undoPreparation?.();
    await fleet?.stop().catch((e: Error) => infrastructureErrors.push(`stopping servers: ${e.message}`));
    if (!options.keepPki) await pki?.dispose().catch(() => {});
    await runDirCleanup.run();
    timings.teardownMs = Date.now() - teardownStarted;
  }
  if (interrupted) {
    log(`  stopped after the interruption in ${timings.teardownMs} ms`);
    throw interrupted;
  }
  const reportStarted = Date.now();

  const platformOf = (device: string) => devices.find((d) => d.name === device)?.profile.platform ?? null;
  const targets = devices.map((d) => ({ name: d.name, profile: d.profile.name, platform: d.profile.platform }));
  // Conditions (platform versions) are judged on what the device asked Appium for.
  const platformVersionOf = (device: string) => {
    const version = devices.find((d) => d.name === device)?.capabilities?.['appium:platformVersion']
      ?? devices.find((d) => d.name === device)?.profile.capabilities({ trustCa: [] })['appium:platformVersion'];
    return typeof version === 'string' ? version : null;
  };
  let lookup = runExpectations(conditionalLookup(deviceExpectationLookup(options.expectations, targets), platformVersionOf), platformOf);
  let results = judgeResults(outcomes, lookup, options, devices);
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
    lookup = runExpectations(deviceExpectationLookup(new Map(regenerated.map((f) => [f.device, f])), targets), platformOf);
    results = judgeResults(outcomes, lookup, options, devices);
  }
  const report = scrubValue(buildRunReport({
    tool: options.tool, startedAt, finishedAt: new Date().toISOString(),
    devices: devices.map((d) => ({ name: d.name, profile: d.profile.name, platform: d.profile.platform, ...(deviceInfo[d.name] ? { app: deviceInfo[d.name] } : {}) })),
    backend: options.backend, results, infrastructureErrors,
    provenance: provenanceOf(options, devices, pki ? [pki.serverCa.pem] : []),
  }), secrets);
  // What Appium and WebdriverIO wrote into the report folder, after their own filters.
  await scrubFiles([join(reportDir, 'appium.log'), join(reportDir, 'wdio-logs')], secrets);
  const written = await writeReports(reportDir, report);
  timings.reportsMs += Date.now() - reportStarted;
  timings.totalMs = Date.now() - runStarted;
  return { report, exitCode: exitCodeOf(report), written, updatedExpectations, runDir, timings };
}

/**
 * What every way of running the specs needs before a session: a private run folder, the test
 * PKI, the server fleet and the run context the spec workers read. `runConformance` (the CLI)
 * and the WebdriverIO launcher service (harness/wdio) both build it here, so they cannot drift.
 */
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerFleet, type StartedServerFleet } from '../../servers/fleet/server-fleet.js';
import { exposureWarning, type FleetNetwork } from '../../servers/fleet/network.js';
import type { BackendName } from '../../servers/backend-kit/types.js';
import type { LoadedPersistentPki } from '../../servers/pki/persistent/index.js';
import { createTestPki, type CreatedTestPki } from '../../servers/pki/index.js';
import { DOWNLOAD_SCENARIO } from '../../servers/scenarios/downloads.js';
import { registerCleanup, type CleanupHandle } from '../../support/index.js';
import { deviceHost, type ReachOptions } from './device-reach.js';
import { deviceAppId, ownHost, type RunDevice } from './devices-file.js';
import { pushPathFor } from '../../devices/profiles/index.js';
import { RunInfrastructureError } from './errors.js';
import { bundledSetNotice, type RunBundledFiles } from './bundled-files.js';
import type { RunContext } from './run-context.js';

/** Runs one stage with a "- name ..." / "  name: done in N ms" log pair; failures become RunInfrastructureError. */
export async function stage<T>(name: string, log: (line: string) => void, work: () => Promise<T>, done: (ms: number) => void): Promise<T> {
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

export interface RunFolder {
  readonly dir: string;
  /** Removes the folder; also registered with the one cleanup path. */
  readonly cleanup: CleanupHandle;
}

/** The run's private 0700 folder (context with bundle passwords, generated config, outcomes). */
export async function createRunFolder(): Promise<RunFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-run-'));
  // It holds the run context (bundle passwords): gone on every exit path, not only this one's.
  const cleanup = registerCleanup('run folder', () => rm(dir, { recursive: true, force: true }), {
    sync: () => rmSync(dir, { recursive: true, force: true }),
  });
  await chmod(dir, 0o700);
  return { dir, cleanup };
}

export interface RunPkiOptions {
  readonly keepPki: boolean;
  /** Issue the leaves under these persistent roots; default: a throwaway PKI. */
  readonly persistentPki?: LoadedPersistentPki;
  /** --host values: extra server certificate names. */
  readonly hosts?: readonly string[];
}

/** The "test PKI" stage. */
export async function startRunPki(options: RunPkiOptions, log: (line: string) => void, done: (ms: number) => void = () => {}): Promise<CreatedTestPki> {
  const persistent = options.persistentPki;
  const pki = await stage(persistent ? 'test PKI (leaves under the persistent roots)' : 'test PKI', log, () => createTestPki({
    keep: options.keepPki, extraHostNames: options.hosts ?? [], ...(persistent ? { roots: persistent.roots } : {}),
  }), done);
  if (persistent) {
    log(`  persistent test PKI ${persistent.dir}: server CA sha256 ${persistent.serverCaSha256}, valid until ${persistent.notAfter.toISOString()}`);
    const notice = bundledSetNotice(persistent);
    if (notice) log(notice);
  }
  if (options.keepPki) log(`  PKI kept in ${pki.dir}`);
  return pki;
}

export interface RunFleetOptions {
  readonly backend: BackendName;
  /** --bind / --ports. */
  readonly network?: FleetNetwork;
}

/** The "<backend> server fleet" stage, with the Java judge; logs every endpoint and an exposure warning. */
export async function startRunFleet(pki: CreatedTestPki, options: RunFleetOptions, log: (line: string) => void, done: (ms: number) => void = () => {}): Promise<StartedServerFleet> {
  const fleet = await stage(`${options.backend} server fleet`, log, () => new ServerFleet(pki).withBackend(options.backend).withNetwork(options.network ?? {}).withJavaJudge().start(), done);
  for (const e of fleet.endpoints()) log(`  ${e.scenario.padEnd(28)} ${e.origin}`);
  if (fleet.javaJudge.state === 'unavailable') log(`  Java judge not running, its specs skip: ${fleet.javaJudge.reason}`);
  const warning = exposureWarning(fleet.exposure.bind, fleet.endpoints().map((e) => e.port), DOWNLOAD_SCENARIO);
  if (warning) log(warning);
  return fleet;
}

/** What the spec workers read (endpoints, PKI facts, devices, where outcomes go). */
export function runContextOf(pki: CreatedTestPki, fleet: StartedServerFleet, devices: readonly RunDevice[], outcomesDir: string, reach: ReachOptions, bundled: RunBundledFiles): RunContext {
  return {
    backend: fleet.backend,
    origins: Object.fromEntries(fleet.endpoints().map((e) => [e.scenario, e.origin])),
    javaJudge: fleet.javaJudge,
    serverCaPem: pki.serverCa.pem,
    identities: Object.fromEntries(Object.values(pki.identities).map((i) => [i.name, {
      keyType: i.keyType, subject: i.subject, issuer: i.issuer, serial: i.serial, fingerprint: i.fingerprint,
    }])),
    bundles: Object.fromEntries(Object.values(pki.bundles).map((b) => [b.name, { ...b }])),
    bundled: { from: bundled.from, files: bundled.files },
    devices: Object.fromEntries(devices.map((device) => {
      const p = device.profile;
      const appId = deviceAppId(device);
      const pushLayout = device.pushLayout ?? p.pushLayout;
      return [device.name, {
        name: device.name, platform: p.platform, appId, hostAlias: ownHost(device) ?? deviceHost(p, reach),
        pushPathTemplate: pushPathFor(pushLayout, appId, '{fileName}'), appPathTemplate: p.appPath('{fileName}'), pushLayout, actionTimeoutMs: p.actionTimeoutMs,
        ...(p.appDeadlineMs ? { appDeadlineMs: p.appDeadlineMs } : {}),
      }];
    })),
    bind: fleet.exposure.bind,
    outcomesDir,
  };
}

/** Writes the run context into the run folder (0600); the WebdriverIO config (or a capability) names that path. */
export async function writeRunContext(runDir: string, context: RunContext): Promise<string> {
  const contextFile = join(runDir, 'context.json');
  await writeFile(contextFile, JSON.stringify(context), { mode: 0o600 });
  return contextFile;
}

/** `run`: options -> runConformance -> terminal summary -> exit code. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILE_NAMES, profileByName, UnknownProfileError, type DeviceProfile } from '../../../devices/profiles/index.js';
import { terminalSummary } from '../../reports/terminal-summary.js';
import { loadExpectations } from '../../results/expectations.js';
import { RunInterruptedError } from '../../run/errors.js';
import { runConformance, type RunOutcome } from '../../run/run-conformance.js';
import { specFiles } from '../../run/spec-files.js';
import { devicesOfProfiles, DevicesFileError, loadDevicesFile, type RunDevice } from '../../run/devices-file.js';
import { parseShard, shardSpecs, ShardOptionError } from '../../run/shard.js';
import { unknownExpectationDevices } from '../../results/device-expectations.js';
import { UsageError } from '../errors.js';
import type { CliIo, Values } from '../io.js';
import { TOOL_NAME, toolVersion } from '../version.js';
import { installInterruptHandler, interruptedExitCode } from './interrupt-handler.js';
import { backendOption } from './shared-options.js';
import { fleetOptions, pkiChoice } from './fleet-options.js';
import { loadPersistentPki } from '../../../servers/pki/persistent/index.js';

export const DEFAULT_DEVICES = ['reference-android', 'reference-ios'];
export const DEFAULT_EXPECTATIONS_DIR = fileURLToPath(new URL('../../expectations/', import.meta.url));

function profilesOf(values: Values): DeviceProfile[] {
  const names = (values.device as string[] | undefined) ?? DEFAULT_DEVICES;
  if (new Set(names).size !== names.length) throw new UsageError('each --device may be given once');
  const implementation = typeof values.implementation === 'string' ? resolve(values.implementation) : undefined;
  if (implementation && !existsSync(implementation)) throw new UsageError(`--implementation: no such module ${implementation}`);
  try {
    return names.map((name) => profileByName(name, { implementation }));
  } catch (error) {
    if (error instanceof UnknownProfileError) throw new UsageError(error.message, 'run');
    throw error;
  }
}

/** --devices <file> (named devices) or --device <profile>... (devices named after profiles). */
async function devicesOf(values: Values): Promise<RunDevice[]> {
  if (typeof values.devices !== 'string') return devicesOfProfiles(profilesOf(values));
  if (values.device !== undefined) throw new UsageError('give either --device or --devices, not both', 'run');
  const implementation = typeof values.implementation === 'string' ? resolve(values.implementation) : undefined;
  if (implementation && !existsSync(implementation)) throw new UsageError(`--implementation: no such module ${implementation}`);
  try {
    return await loadDevicesFile(values.devices, { implementation });
  } catch (error) {
    if (error instanceof DevicesFileError) throw new UsageError(error.message, 'run');
    throw error;
  }
}

function specsOf(values: Values): string[] {
  const all = specFiles();
  if (all.length === 0) throw new UsageError('no spec files (specs/*.spec.ts)');
  if (typeof values.shard !== 'string') return all;
  try {
    const specs = shardSpecs(all, parseShard(values.shard));
    if (specs.length === 0) throw new UsageError(`--shard ${values.shard}: no spec file falls in this shard (${all.length} files)`, 'run');
    return specs;
  } catch (error) {
    if (error instanceof ShardOptionError) throw new UsageError(error.message, 'run');
    throw error;
  }
}

export async function runCommand(values: Values, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const devices = await devicesOf(values);
  const profiles = [...new Set(devices.map((d) => d.profile))];
  const backend = backendOption(values.servers);
  const given = values.expectations as string[] | undefined;
  const expectationPaths = given ?? (existsSync(DEFAULT_EXPECTATIONS_DIR) ? [DEFAULT_EXPECTATIONS_DIR] : []);
  const expectations = await loadExpectations(expectationPaths);
  const targets = devices.map((d) => ({ name: d.name, profile: d.profile.name, platform: d.profile.platform }));
  const strays = unknownExpectationDevices(expectations, targets, PROFILE_NAMES);
  if (strays.length) {
    throw new UsageError(`expectations for unknown device(s) ${strays.join(', ')}: name a device of this run, a profile (${PROFILE_NAMES.join(', ')}) or a platform (android, ios)`, 'run');
  }
  const specs = specsOf(values);
  const updateDir = expectationPaths.find((p) => statSync(p).isDirectory()) ?? DEFAULT_EXPECTATIONS_DIR;
  const { network, hosts } = fleetOptions(values, 'run');
  // Loaded before anything starts: a missing or expiring PKI is an error that says the fix.
  const choice = pkiChoice(values, profiles, env);
  if (choice) io.err(choice.why);
  const persistentPki = choice ? await loadPersistentPki(choice.dir) : undefined;

  const interrupt = installInterruptHandler((line) => io.err(line));
  let outcome: RunOutcome;
  try {
    outcome = await runConformance({
      devices,
      backend,
      specs,
      expectations,
      updateExpectationsIn: values['update-expectations'] ? () => updateDir : undefined,
      reportDir: String(values['report-dir'] ?? 'reports'),
      grep: values.grep as string | undefined,
      appiumUrl: (values['appium-url'] as string | undefined) ?? env.VOLTMX_APPIUM_URL,
      keepPki: values['keep-pki'] === true,
      ...(persistentPki ? { persistentPki } : {}),
      network,
      reach: { hosts, adbReverse: values['adb-reverse'] === true },
      tool: { name: TOOL_NAME, version: toolVersion() },
      log: (line) => io.err(line),
      signal: interrupt.signal,
    });
  } catch (error) {
    const signal = interrupt.received();
    if (error instanceof RunInterruptedError && signal) {
      io.err(`interrupted by ${signal}: everything the run started is stopped; no report written`);
      return interruptedExitCode(signal);
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
  io.out('');
  io.out(terminalSummary(outcome.report));
  for (const path of outcome.updatedExpectations) io.out(`expectations written: ${path}`);
  io.out(`reports: ${outcome.written.html}, ${outcome.written.junitXml}, ${outcome.written.resultsJson}`);
  return outcome.exitCode;
}

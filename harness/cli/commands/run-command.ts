/** `run`: options -> runConformance -> terminal summary -> exit code. */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILE_NAMES, profileByName, UnknownProfileError, type DeviceProfile } from '../../../devices/profiles/index.js';
import { checkAppiumUrl, checkImplementation, checkRequirementFilter, requirementGrep, selectDevices } from '../validate-run-options.js';
import { requirement } from '../../requirements/catalog.js';
import { terminalSummary } from '../../reports/terminal-summary.js';
import { loadExpectations } from '../../results/expectations.js';
import { RunInterruptedError } from '../../run/errors.js';
import { runConformance, type RunOutcome } from '../../run/run-conformance.js';
import { specFiles } from '../../run/spec-files.js';
import { deviceCapabilities, devicesOfProfiles, DevicesFileError, loadDevicesFile, type RunDevice } from '../../run/devices-file.js';
import { adbSerialProblem, udidOf } from '../../run/device-reach.js';
import { parseShard, shardSpecs, ShardOptionError } from '../../run/shard.js';
import { unknownExpectationDevices } from '../../results/device-expectations.js';
import { UsageError } from '../errors.js';
import type { CliIo, Values } from '../io.js';
import { TOOL_NAME, toolVersion } from '../version.js';
import { installInterruptHandler, interruptedExitCode } from './interrupt-handler.js';
import { backendOption } from './shared-options.js';
import { rerunArgsOf, rerunDeviceOf } from './rerun-args.js';
import { fleetOptions, pkiChoice } from './fleet-options.js';
import { loadPersistentPki } from '../../../servers/pki/persistent/index.js';

export const DEFAULT_DEVICES = ['reference-android', 'reference-ios'];
export const DEFAULT_EXPECTATIONS_DIR = fileURLToPath(new URL('../../expectations/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function profilesOf(values: Values): Promise<DeviceProfile[]> {
  const names = (values.device as string[] | undefined) ?? DEFAULT_DEVICES;
  if (new Set(names).size !== names.length) throw new UsageError('each --device may be given once');
  // Loaded and checked here: a module that does not load fails before any server starts.
  const implementation = typeof values.implementation === 'string' ? await checkImplementation(values.implementation) : undefined;
  try {
    return names.map((name) => profileByName(name, { implementation }));
  } catch (error) {
    if (error instanceof UnknownProfileError) throw new UsageError(error.message, 'run');
    throw error;
  }
}

/** This run's devices, and every name of its devices file (--only-device may leave some out). */
interface ChosenDevices {
  readonly devices: RunDevice[];
  readonly fileNames: readonly string[];
}

/** --devices <file> [--only-device <name>...] (named devices) or --device <profile>... (devices named after profiles). */
async function devicesOf(values: Values): Promise<ChosenDevices> {
  const only = values['only-device'] as string[] | undefined;
  if (typeof values.devices !== 'string') {
    selectDevices([], only, undefined); // --only-device without --devices: a usage error
    return { devices: devicesOfProfiles(await profilesOf(values)), fileNames: [] };
  }
  if (values.device !== undefined) throw new UsageError('give either --device or --devices, not both', 'run');
  // Loaded and checked here: a module that does not load fails before any server starts.
  const implementation = typeof values.implementation === 'string' ? await checkImplementation(values.implementation) : undefined;
  try {
    const all = await loadDevicesFile(values.devices, { implementation });
    return { devices: selectDevices(all, only, values.devices), fileNames: all.map((d) => d.name) };
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
  const { devices, fileNames } = await devicesOf(values);
  const profiles = [...new Set(devices.map((d) => d.profile))];
  const backend = backendOption(values.servers);
  const given = values.expectations as string[] | undefined;
  const expectationPaths = given ?? (existsSync(DEFAULT_EXPECTATIONS_DIR) ? [DEFAULT_EXPECTATIONS_DIR] : []);
  const expectations = await loadExpectations(expectationPaths);
  const targets = devices.map((d) => ({ name: d.name, profile: d.profile.name, platform: d.profile.platform }));
  // A file's device left out by --only-device is no typo: a rerun line keeps the run's expectations.
  const strays = unknownExpectationDevices(expectations, targets, [...PROFILE_NAMES, ...fileNames]);
  if (strays.length) {
    throw new UsageError(`expectations for unknown device(s) ${strays.join(', ')}: name a device of this run${fileNames.length ? ' or its devices file' : ''}, a profile (${PROFILE_NAMES.join(', ')}) or a platform (android, ios)`, 'run');
  }
  const appiumFlag = values['appium-url'] as string | undefined;
  const appiumUrl = appiumFlag !== undefined ? checkAppiumUrl(appiumFlag, '--appium-url', env)
    : env.VOLTMX_APPIUM_URL ? checkAppiumUrl(env.VOLTMX_APPIUM_URL, 'VOLTMX_APPIUM_URL', env) : undefined;
  const serialProblem = adbSerialProblem(devices.map((d) => ({ name: d.name, profile: d.profile, udid: udidOf(deviceCapabilities(d, [])) })), values['adb-reverse'] === true);
  if (serialProblem) throw new UsageError(serialProblem, 'run');
  const requirements = checkRequirementFilter((values.requirement as string[] | undefined) ?? []);
  if (requirements.length && values.grep !== undefined) throw new UsageError('--requirement and --grep cannot be combined', 'run');
  const sharded = specsOf(values);
  // An exact filter runs only the spec files that check those requirements.
  const checking = new Set(requirements.flatMap((id) => requirement(id).checkedBy.map((f) => resolve(REPO_ROOT, f))));
  const specs = requirements.length ? sharded.filter((s) => checking.has(resolve(s))) : sharded;
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
      grep: requirements.length ? requirementGrep(requirements) : values.grep as string | undefined,
      ...(requirements.length ? { requirements } : {}),
      appiumUrl,
      rerunArgs: rerunArgsOf(values),
      rerunDevice: rerunDeviceOf(values),
      // As the user would type them: relative to the working folder when inside it.
      expectationSources: expectationPaths.map((p) => (isAbsolute(p) && !relative(process.cwd(), p).startsWith('..') ? relative(process.cwd(), p) || '.' : p)),
      keepPki: values['keep-pki'] === true,
      strict: values.strict === true,
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

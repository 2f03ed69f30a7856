/**
 * Stage 4, specs: the run context and the WebdriverIO configuration in the run's private
 * folder, the launcher (one worker and one Appium session per device, all devices in
 * parallel), then what the workers wrote: outcomes, incidents, spec files that never started.
 */
import { runBundledFiles } from '../bundled-files.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Launcher } from '@wdio/cli';
import type { StartedAppium } from '../../../devices/appium-server/index.js';
import type { TestOutcome } from '../../results/types.js';
import { collectOutcomes, type CollectedOutcomes } from '../collect-outcomes.js';
import { deviceCapabilities } from '../devices-file.js';
import type { MutableTimings, RunOptions } from '../run-options.js';
import { runContextOf, stage, writeRunContext } from '../run-environment.js';
import { scrubProcessOutput } from '../run-secrets.js';
import { WIRING_SELF_TEST } from '../spec-files.js';
import { wdioConfigSource } from '../wdio-config.js';
import type { RunFleet } from './fleet.js';
import { specPath, type RunPlan } from './plan.js';

export interface SpecsOutcome {
  readonly outcomes: readonly TestOutcome[];
  readonly deviceInfo: CollectedOutcomes['deviceInfo'];
  readonly infrastructureErrors: readonly string[];
  /** Devices whose app failed the wiring self-test: nothing of theirs is judged. */
  readonly miswired: ReadonlySet<string>;
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

export async function runSpecs(plan: RunPlan, { pki, fleet }: RunFleet, appium: StartedAppium, runDir: string, options: RunOptions, secrets: readonly string[], timings: MutableTimings, checkpoint: () => void): Promise<SpecsOutcome> {
  const { devices } = plan;
  const outcomesDir = join(runDir, 'outcomes');
  // The persistent PKI's bundled set when it has one (what a real build ships), else the run's bundles.
  const bundled = runBundledFiles(pki, options.persistentPki);
  const contextFile = await writeRunContext(runDir, runContextOf(pki, fleet, devices, outcomesDir, plan.reach, bundled));
  const configFile = join(runDir, 'wdio.conf.mjs');
  const logsDir = join(plan.reportDir, 'wdio-logs');
  // That folder is what a reference device ships as the files bundled with its app.
  const capabilities = devices.map((d) => deviceCapabilities(d, [pki.serverCa.pem], bundled.dir));
  // The workers find the run context through this file, not through this process's environment.
  await writeFile(configFile, wdioConfigSource({ appiumUrl: appium.url, specs: plan.specs, first: WIRING_SELF_TEST, capabilities, contextFile, outcomesDir, logsDir, grep: options.grep }));
  checkpoint();
  // An Appium URL's credentials: a header on every request, handed to the workers as launcher
  // arguments (over their IPC channel), so neither the file on disk nor the environment holds them.
  const authorization = appium.requestHeaders().Authorization;
  // `headers` is a WebdriverIO connection option the workers merge into their configuration.
  const launcher = new Launcher(configFile, (authorization ? { headers: { Authorization: authorization } } : {}) as ConstructorParameters<typeof Launcher>[1]);
  const stopListening = shutdownOnAbort(options.signal, launcher);
  const stopScrubbing = scrubProcessOutput(secrets);
  const launcherExit = await stage(`specs on ${devices.map((d) => d.name).join(', ')}`, options.log, () => launcher.run(), (ms) => { timings.specsMs = ms; })
    .finally(() => {
      stopListening();
      stopScrubbing();
    });
  // Specs cut short say nothing about the client: no verdict.
  checkpoint();
  const collected = await collectOutcomes(outcomesDir);
  // A device whose app is wired wrong gives one error, the self-test's, which names the fix.
  const miswired = new Set(Object.keys(collected.miswired));
  const errors = Object.entries(collected.miswired).map(([device, { code, message }]) => `${device}: the app is not wired for the suite (${code}): ${message}`);
  errors.push(...collected.incidents.filter((i) => i.stage === 'hook' && !miswired.has(i.device)).map((i) => `${i.device}: ${i.message}`));
  for (const device of devices.filter((d) => !miswired.has(d.name))) {
    const ran = new Set(collected.started.filter((s) => s.device === device.name).flatMap((s) => s.specs.map(specPath)));
    const missing = plan.specs.filter((spec) => !ran.has(spec));
    // With --grep a spec file may match no test at all; then only a device that ran nothing is suspect.
    if (missing.length && (!options.grep || ran.size === 0)) {
      const sessionErrors = [...new Set(collected.incidents.filter((i) => i.stage === 'session' && i.device === device.name).map((i) => i.message))];
      const why = sessionErrors.join(' | ') || `launcher exit ${launcherExit}`;
      errors.push(`${device.name}: ${missing.length} spec file(s) never started (${why}); logs: ${join(plan.reportDir, 'appium.log')}, ${logsDir}`);
    }
  }
  return { outcomes: collected.outcomes.filter((o) => !miswired.has(o.device)), deviceInfo: collected.deviceInfo, infrastructureErrors: errors, miswired };
}

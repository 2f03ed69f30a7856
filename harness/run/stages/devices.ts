/** Stage 3, devices: what makes the devices reach the fleet (adb reverse, simulator trust) and the Appium server. */
import { join } from 'node:path';
import { automationNamesOf, printableUrl, startAppium, type StartedAppium } from '../../../devices/appium-server/index.js';
import { needsPreparation, prepareDevices, udidOf } from '../device-reach.js';
import { deviceCapabilities } from '../devices-file.js';
import type { MutableTimings, RunOptions } from '../run-options.js';
import { stage } from '../run-environment.js';
import type { RunFleet } from './fleet.js';
import type { RunPlan } from './plan.js';
import type { RunTeardown } from './teardown.js';

export async function startDevices(plan: RunPlan, { pki, fleet }: RunFleet, options: RunOptions, timings: MutableTimings, teardown: RunTeardown, checkpoint: () => void): Promise<StartedAppium> {
  const { log } = options;
  const { reach, profiles } = plan;
  const prepared = plan.devices.map((d) => {
    const udid = udidOf(deviceCapabilities(d, []));
    // Through a remote Appium or a Grid a simulator's udid names one on another Mac: no local keychain step.
    const ownsDevice = d.profile.platform === 'android' || !options.appiumUrl;
    return { name: d.name, profile: d.profile, ...(udid && ownsDevice ? { udid } : {}) };
  });
  if (needsPreparation({ devices: prepared, adbReverse: reach.adbReverse })) {
    const ports = fleet.endpoints().map((e) => e.port);
    const undo = await stage('device preparation', log, () => prepareDevices({
      ...reach, devices: prepared, ports, serverCaPath: pki.serverCa.path, log,
      ...(options.commandRunner ? { runner: options.commandRunner } : {}),
    }), () => {});
    teardown.add(undo);
    checkpoint();
  }
  const appium = await stage(
    options.appiumUrl ? `Appium at ${printableUrl(options.appiumUrl)}` : 'local Appium server', log,
    // A local server first checks that every profile's automationName has a driver.
    () => startAppium({ remoteUrl: options.appiumUrl, logFile: join(plan.reportDir, 'appium.log'), automationNames: automationNamesOf(profiles) }),
    (ms) => { timings.appiumMs = ms; },
  );
  teardown.add(() => appium.stop(), 'stopping Appium');
  log(`  Appium: ${appium.url.href}`);
  return appium;
}

/// <reference types="mocha" />
/**
 * The run puts this file first in every device's spec group (harness/run/wdio-config.ts): its
 * root-level `before` runs once, on the worker's one session, before any spec. It writes what it
 * found to the outcomes folder; when the wiring is wrong it throws, mocha runs no test of the
 * worker, and the run reports that one WiringError as an infrastructure error.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WiringLine } from '../../../harness/run/collect-outcomes.js';
import { DeviceSession } from '../device-session.js';
import { currentBrowser, currentDevice, runContext } from '../device.js';
import { checkWiring } from './wiring-checks.js';
import { WiringError } from './wiring-error.js';

before(async function wiringSelfTest() {
  const browser = currentBrowser();
  const device = currentDevice(browser);
  const context = runContext(browser);
  // The widget wait, then at most two commands and one batch of five.
  this.timeout(device.actionTimeoutMs * 10 + 30_000);
  const write = (line: WiringLine) => {
    mkdirSync(context.outcomesDir, { recursive: true });
    appendFileSync(join(context.outcomesDir, `wiring-${process.pid}.jsonl`), `${JSON.stringify(line)}\n`);
  };
  try {
    const info = await checkWiring(DeviceSession.of(browser, device), context);
    write({ kind: 'wiring', device: device.name, ok: true, info: { platform: info.platform, runtimeVersion: info.runtimeVersion, appVersion: info.appVersion, dataDirectory: info.dataDirectory, cacheDirectory: info.cacheDirectory } });
  } catch (error) {
    const wiring = error instanceof WiringError ? error : new WiringError('WIRING_CHECK_FAILED', `the wiring self-test could not run: ${(error as Error).message}`);
    write({ kind: 'wiring', device: device.name, ok: false, code: wiring.code, message: wiring.message });
    throw wiring;
  }
});

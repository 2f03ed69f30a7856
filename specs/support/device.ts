/**
 * The device this worker drives and the run's facts (endpoints, bundles), from the run context
 * its browser names (browser.options, see harness/run/run-context.ts). `browser` is WebdriverIO's
 * own global for spec code: the session of this worker.
 */
import type { Browser } from 'webdriverio';
import { DEVICE_CAPABILITY } from '../../harness/run/requirement-reporter.js';
import { readRunContext, runContextFileOf, type RunContext, type RunContextDevice } from '../../harness/run/run-context.js';
import { requirement } from '../../harness/requirements/catalog.js';

export function currentBrowser(): Browser {
  const browser = (globalThis as { browser?: Browser }).browser;
  if (!browser) throw new Error('no WebdriverIO browser in this worker');
  return browser;
}

export function currentDevice(browser: Browser = currentBrowser()): RunContextDevice {
  const requested = ((browser as unknown as { requestedCapabilities?: Record<string, unknown> }).requestedCapabilities ?? {});
  const name = String(requested[DEVICE_CAPABILITY] ?? '');
  const device = runContext(browser).devices[name];
  if (!device) throw new Error(`capability ${DEVICE_CAPABILITY}="${name}" names no device of this run`);
  return device;
}

export function runContext(browser: Browser = currentBrowser()): RunContext {
  return readRunContext(runContextFileOf(browser.options));
}

/** Skips the running test (mocha `this`) when the requirement does not apply to this device. */
export function skipUnlessApplies(test: Mocha.Context, id: string, device: RunContextDevice = currentDevice()): void {
  if (!requirement(id).platforms.includes(device.platform)) test.skip();
}

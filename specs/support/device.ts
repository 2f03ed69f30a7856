/**
 * The device this worker drives and the run's facts (endpoints, bundles), from the run context
 * its browser names (browser.options, see harness/run/run-context.ts). `browser` is WebdriverIO's
 * own global for spec code: the session of this worker.
 */
import type { Browser } from 'webdriverio';
import { DEVICE_CAPABILITY } from '../../harness/run/requirement-reporter.js';
import { readRunContext, runContextFileOf, type RunContext, type RunContextDevice } from '../../harness/run/run-context.js';
import { requirement } from '../../harness/requirements/catalog.js';
import { versionMatches } from '../../harness/results/conditions.js';

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

/** The device's platform version as its capabilities name it (appium:platformVersion), else null. */
export function platformVersionOf(browser: Browser | undefined = (globalThis as { browser?: Browser }).browser): string | null {
  const requested = ((browser as unknown as { requestedCapabilities?: Record<string, unknown> } | undefined)?.requestedCapabilities ?? {});
  const version = requested['appium:platformVersion'] ?? requested.platformVersion;
  return typeof version === 'string' && version !== '' ? version : null;
}

/**
 * Skips the running test (mocha `this`) when the requirement does not apply to this device: not
 * its platform, or a platform version known to be outside the requirement's (an unknown version
 * applies: the suite would rather flag a failure than hide one).
 */
export function skipUnlessApplies(test: Mocha.Context, id: string, device: RunContextDevice = currentDevice(), version: string | null = platformVersionOf()): void {
  const found = requirement(id);
  if (!found.platforms.includes(device.platform)) test.skip();
  const range = found.platformVersion?.[device.platform];
  if (range && version !== null && !versionMatches(range, version)) test.skip();
}

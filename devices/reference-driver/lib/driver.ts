/**
 * The reference Appium driver: a thin BaseDriver subclass; each command lives in
 * commands/, the app host in reference-device.ts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BaseDriver, errors } from '@appium/base-driver';
import type { DefaultCreateSessionResult, Element, W3CDriverCaps } from '@appium/types';
import { CAP_CONSTRAINTS, REFERENCE_APP_ID, sessionSettings } from './capabilities.js';
import { activateApp, queryAppState, terminateApp } from './commands/app-state.js';
import { ACCESSIBILITY_ID, clear, click, elementDisplayed, findElements, getText, setValue } from './commands/elements.js';
import { pullFile, pushFile } from './commands/files.js';
import { pageSource } from './commands/page-source.js';
import { ReferenceDevice } from './reference-device.js';
import { loadRuntimeFactory } from './runtime-loader.js';
import { hostFor } from './app-host/index.js';
import { kitSourceFor } from './kit-source.js';

type Caps = typeof CAP_CONSTRAINTS;

const DRIVER_PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** The info command's runtimeVersion: the reference and its version, or the hosted module's file name. */
function runtimeVersionOf(source: string, implementation: string | undefined): string {
  return implementation ? `module ${basename(source)}` : `voltmx-conformance reference ${DRIVER_PACKAGE.version}`;
}

export class VoltmxReferenceDriver extends BaseDriver<Caps> {
  #device: ReferenceDevice | null = null;

  constructor(opts = {} as ConstructorParameters<typeof BaseDriver>[0], shouldValidateCaps = true) {
    super(opts, shouldValidateCaps);
    this.desiredCapConstraints = CAP_CONSTRAINTS;
    this.locatorStrategies = [ACCESSIBILITY_ID];
  }

  override async createSession(
    w3cCaps1: W3CDriverCaps<Caps>,
    w3cCaps2?: W3CDriverCaps<Caps>,
    w3cCaps3?: W3CDriverCaps<Caps>,
  ): Promise<DefaultCreateSessionResult<Caps>> {
    const [sessionId, caps] = await super.createSession(w3cCaps1, w3cCaps2, w3cCaps3);
    try {
      const settings = sessionSettings(caps as Record<string, unknown>);
      const { factory, source } = await loadRuntimeFactory(settings.implementation);
      this.log.info(`Hosting the runtime from ${source} (${settings.platform})`);
      const about = { runtimeVersion: runtimeVersionOf(source, settings.implementation), appVersion: `${DRIVER_PACKAGE.name} ${DRIVER_PACKAGE.version}` };
      const kit = kitSourceFor(settings);
      const host = hostFor(settings.platform);
      this.log.info(`Running the app kit from ${kit.from} on ${host.engine}`);
      this.#device = await ReferenceDevice.boot({
        platform: settings.platform, appId: REFERENCE_APP_ID, trustCa: settings.trustCa, factory, about, kitSource: kit.source, host,
        keyboard: settings.keyboard, miswired: settings.miswired,
        ...(settings.bundleDir ? { bundleDir: settings.bundleDir } : {}),
        ...(settings.splashMs !== undefined ? { splashMs: settings.splashMs } : {}),
      });
      this.log.info(`App sandbox (voltmx.io data directory): ${this.#device.sandboxDir}`);
    } catch (error) {
      await super.deleteSession(sessionId);
      if (error instanceof errors.SessionNotCreatedError) throw error;
      throw new errors.SessionNotCreatedError((error as Error).message);
    }
    return [sessionId, caps];
  }

  override async deleteSession(sessionId?: string | null): Promise<void> {
    const device = this.#device;
    this.#device = null;
    try {
      await device?.dispose();
    } finally {
      await super.deleteSession(sessionId);
    }
  }

  get device(): ReferenceDevice {
    if (!this.#device) throw new errors.NoSuchDriverError('no session is running');
    return this.#device;
  }

  override async findElOrEls(strategy: string, selector: string, mult: true, context?: unknown): Promise<Element[]>;
  override async findElOrEls(strategy: string, selector: string, mult: false, context?: unknown): Promise<Element>;
  override async findElOrEls(_strategy: string, selector: string, mult: boolean): Promise<Element | Element[]> {
    return findElements(this.device, selector, mult);
  }

  async click(elementId: string): Promise<void> { click(this.device, elementId); }
  async setValue(keys: string | string[], elementId: string): Promise<void> { setValue(this.device, keys, elementId); }
  async clear(elementId: string): Promise<void> { clear(this.device, elementId); }
  async getText(elementId: string): Promise<string> { return getText(this.device, elementId); }
  async elementDisplayed(elementId: string): Promise<boolean> { return elementDisplayed(this.device, elementId); }
  override async getPageSource(): Promise<string> { return pageSource(this.device); }
  async pushFile(path: string, data: string): Promise<void> { await pushFile(this.device, path, data); }
  async pullFile(path: string): Promise<string> { return pullFile(this.device, path); }
  async terminateApp(appId: string): Promise<boolean> { return terminateApp(this.device, appId); }
  async activateApp(appId: string): Promise<void> { await activateApp(this.device, appId); }
  async queryAppState(appId: string): Promise<number> { return queryAppState(this.device, appId); }
}

export default VoltmxReferenceDriver;

/**
 * The "device" the reference driver automates: one installed app (the conformance app on a
 * RuntimeFactory) with a sandbox folder that outlives app launches, as on a phone. Launching
 * creates a fresh runtime; terminating calls runtime.shutdown(), so the certificate is gone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform, RuntimeFactory, VoltmxRuntime } from '../../../reference/runtime/contract.js';
import { ConformanceApp, type AppAbout } from '../../conformance-app/app.js';
import { bundledFilesHost, installAppBundle } from './bundled-files.js';

/** Appium's app states (queryAppState). */
export const AppState = { notInstalled: 0, notRunning: 1, runningInForeground: 4 } as const;
export type AppStateValue = (typeof AppState)[keyof typeof AppState];

export interface DeviceOptions {
  platform: Platform;
  appId: string;
  trustCa: string[];
  factory: RuntimeFactory;
  /** What the app's info command reports as its runtime and app versions. */
  about?: AppAbout;
  /** A folder of files the app ships bundled (voltmx:bundledFiles); none when omitted. */
  bundledFiles?: string;
}

export interface Launch {
  readonly number: number;
  readonly runtime: VoltmxRuntime;
  readonly app: ConformanceApp;
}

export class ReferenceDevice {
  readonly platform: Platform;
  readonly appId: string;
  readonly sandboxDir: string;
  readonly #options: DeviceOptions;
  #launch: Launch | null = null;
  #launches = 0;

  private constructor(options: DeviceOptions, sandboxDir: string) {
    this.#options = options;
    this.platform = options.platform;
    this.appId = options.appId;
    this.sandboxDir = sandboxDir;
  }

  /** Boots the device with its app launched, as a session start does on a real device. */
  static async boot(options: DeviceOptions): Promise<ReferenceDevice> {
    const sandbox = await mkdtemp(join(tmpdir(), 'voltmx-reference-app-'));
    const device = new ReferenceDevice(options, sandbox);
    try {
      installAppBundle(options.platform, options.bundledFiles, sandbox);
      device.launch();
    } catch (error) {
      await rm(sandbox, { recursive: true, force: true });
      throw error;
    }
    return device;
  }

  get current(): Launch | null {
    return this.#launch;
  }

  get state(): AppStateValue {
    return this.#launch ? AppState.runningInForeground : AppState.notRunning;
  }

  /** Starts the app if it is not running; a running app is only brought to the front. */
  launch(): Launch {
    if (this.#launch) return this.#launch;
    const runtime = this.#options.factory({
      platform: this.platform,
      trust: { ca: [...this.#options.trustCa] },
      filesDir: this.sandboxDir,
    });
    const host = bundledFilesHost(this.platform, this.#options.bundledFiles, this.sandboxDir);
    this.#launch = { number: ++this.#launches, runtime, app: new ConformanceApp(runtime, this.#options.about, host) };
    return this.#launch;
  }

  /** Ends the app launch; returns whether it was running. */
  async terminate(): Promise<boolean> {
    const launch = this.#launch;
    if (!launch) return false;
    this.#launch = null;
    // Like a killed app: no waiting for actions in flight; their results go nowhere.
    await launch.runtime.shutdown();
    return true;
  }

  /** Session end: the app is stopped and the sandbox (pushed keys included) removed. */
  async dispose(): Promise<void> {
    try {
      await this.terminate();
    } finally {
      await rm(this.sandboxDir, { recursive: true, force: true });
    }
  }
}

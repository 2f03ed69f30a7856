/**
 * The "device" the reference driver automates: one installed app (the drop-in kit, hosted by
 * an engine host on the device's runtime) with a sandbox folder that outlives app launches, as
 * on a phone. Launching creates a fresh runtime and evaluates the kit in a fresh engine
 * context; terminating ends both, so the certificate is gone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform, RuntimeFactory, VoltmxRuntime } from '../../../reference/runtime/contract.js';
import type { AppHost, HostedApp, KitHostHooks } from './app-host/index.js';
import { bundledFilesHost, installAppBundle } from './bundled-files.js';
import { SimulatedKeyboard, type KeyboardFaults } from './keyboard.js';

/** Appium's app states (queryAppState). */
export const AppState = { notInstalled: 0, notRunning: 1, runningInForeground: 4 } as const;
export type AppStateValue = (typeof AppState)[keyof typeof AppState];

export interface DeviceOptions {
  platform: Platform;
  appId: string;
  trustCa: string[];
  factory: RuntimeFactory;
  /** The built kit the app runs. */
  kitSource: string;
  host: AppHost;
  /** What the app's info command reports as its runtime and app versions. */
  about: { runtimeVersion: string; appVersion: string };
  /** A folder of files the app ships bundled (voltmx:bundledFiles); none when omitted. */
  bundledFiles?: string;
  /** How long a splash form stands before the widgets after each launch. */
  splashMs?: number;
  keyboard?: KeyboardFaults;
}

export interface Launch {
  readonly number: number;
  readonly runtime: VoltmxRuntime;
  readonly app: HostedApp;
  /** Date.now() from which the form's widgets are on screen (before: the splash form). */
  readonly widgetsAt: number;
}

export class ReferenceDevice {
  readonly platform: Platform;
  readonly appId: string;
  readonly sandboxDir: string;
  readonly keyboard: SimulatedKeyboard;
  readonly #options: DeviceOptions;
  #launch: Launch | null = null;
  #launching: Promise<Launch> | null = null;
  #launches = 0;

  private constructor(options: DeviceOptions, sandboxDir: string) {
    this.#options = options;
    this.platform = options.platform;
    this.appId = options.appId;
    this.sandboxDir = sandboxDir;
    this.keyboard = new SimulatedKeyboard(options.keyboard ?? {});
  }

  /** Boots the device with its app launched, as a session start does on a real device. */
  static async boot(options: DeviceOptions): Promise<ReferenceDevice> {
    const sandbox = await mkdtemp(join(tmpdir(), 'voltmx-reference-app-'));
    const device = new ReferenceDevice(options, sandbox);
    try {
      installAppBundle(options.platform, options.bundledFiles, sandbox);
      await device.launch();
    } catch (error) {
      await rm(sandbox, { recursive: true, force: true });
      throw error;
    }
    return device;
  }

  get current(): Launch | null {
    return this.#launch;
  }

  /** The launch whose widgets are on screen, or null (not running, or the splash form still stands). */
  get onScreen(): Launch | null {
    const launch = this.#launch;
    return launch && Date.now() >= launch.widgetsAt ? launch : null;
  }

  get state(): AppStateValue {
    return this.#launch ? AppState.runningInForeground : AppState.notRunning;
  }

  /** Starts the app if it is not running; a running app is only brought to the front. */
  async launch(): Promise<Launch> {
    if (this.#launch) return this.#launch;
    this.#launching ??= this.#start().finally(() => {
      this.#launching = null;
    });
    return this.#launching;
  }

  async #start(): Promise<Launch> {
    const runtime = this.#options.factory({ platform: this.platform, trust: { ca: [...this.#options.trustCa] }, filesDir: this.sandboxDir });
    try {
      const app = await this.#options.host.launch({ kitSource: this.#options.kitSource, runtime, hooks: this.#hooks() });
      this.#launch = { number: ++this.#launches, runtime, app, widgetsAt: Date.now() + (this.#options.splashMs ?? 0) };
      return this.#launch;
    } catch (error) {
      await runtime.shutdown();
      throw error;
    }
  }

  /** Ends the app launch; returns whether it was running. */
  async terminate(): Promise<boolean> {
    const launch = this.#launch;
    if (!launch) return false;
    this.#launch = null;
    // Like a killed app: no waiting for actions in flight; their results go nowhere.
    await launch.app.terminate();
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

  /** The wiring code's host: what info reports, and the platform's bundled-file hook (bundled-files.ts). */
  #hooks(): KitHostHooks {
    return { ...this.#options.about, ...bundledFilesHost(this.platform, this.#options.bundledFiles, this.sandboxDir) };
  }
}

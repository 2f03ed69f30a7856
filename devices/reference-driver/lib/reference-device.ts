/**
 * The "device" the reference driver automates: one installed app (the drop-in kit, hosted by
 * an engine host on the device's runtime) with a sandbox folder that outlives app launches, as
 * on a phone. Launching creates a fresh runtime and evaluates the kit in a fresh engine
 * context; terminating ends both, so the certificate is gone.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, isAbsolute } from 'node:path';
import type { Platform, RuntimeFactory, VoltmxRuntime } from '../../../reference/runtime/contract.js';
import type { AppHost, HostedApp, KitHostHooks } from './app-host/index.js';
import { SimulatedKeyboard, type KeyboardFaults } from './keyboard.js';
import type { Miswiring } from './capabilities.js';

/** Appium's app states (queryAppState). */
export const AppState = { notInstalled: 0, notRunning: 1, runningInForeground: 4 } as const;
export type AppStateValue = (typeof AppState)[keyof typeof AppState];

/** Where the app's bundled files sit (read-only for the app; iOS reads them in place). */
const BUNDLE_DIR = 'Bundle';

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
  /** Files the app is built with (source: "bundled"). */
  bundleDir?: string;
  /** How long a splash form stands before the widgets after each launch. */
  splashMs?: number;
  keyboard?: KeyboardFaults;
  /** How this app is wired wrong (tests of the wiring self-test); default: right. */
  miswired?: Miswiring;
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
  readonly miswired: Miswiring;
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
    this.miswired = options.miswired ?? {};
    this.keyboard = new SimulatedKeyboard(options.keyboard ?? {});
  }

  /** Boots the device with its app launched, as a session start does on a real device. */
  static async boot(options: DeviceOptions): Promise<ReferenceDevice> {
    const sandbox = await mkdtemp(join(tmpdir(), 'voltmx-reference-app-'));
    const device = new ReferenceDevice(options, sandbox);
    try {
      device.#installBundle();
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

  /** The app's bundled files, copied in at install time (iOS reads them in place; Android copies them out). */
  #installBundle(): void {
    const from = this.#options.bundleDir;
    if (!from) return;
    const to = join(this.sandboxDir, BUNDLE_DIR);
    mkdirSync(to, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(from)) {
      if (statSync(join(from, name)).isFile()) copyFileSync(join(from, name), join(to, name));
    }
  }

  #bundled(name: unknown): string | null {
    if (typeof name !== 'string' || !name || basename(name) !== name) return null;
    const path = join(this.sandboxDir, BUNDLE_DIR, name);
    return existsSync(path) ? path : null;
  }

  /** The wiring code's hooks: copyBundledFile on Android (an FFI), bundledFilePath on iOS. */
  #hooks(): KitHostHooks {
    const about = this.#options.about;
    if (this.platform === 'ios') return { ...about, bundledFilePath: (name) => this.#bundled(name) };
    return {
      ...about,
      copyBundledFile: (name, destPath) => {
        const source = this.#bundled(name);
        const target = typeof destPath === 'string' ? resolve(this.sandboxDir, destPath) : '';
        const rel = relative(this.sandboxDir, target);
        if (!source || !target || rel.startsWith('..') || isAbsolute(rel)) return false;
        mkdirSync(resolve(target, '..'), { recursive: true, mode: 0o700 });
        copyFileSync(source, target);
        return true;
      },
    };
  }
}

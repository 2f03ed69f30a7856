/**
 * The Appium server the specs talk to: a local Appium 3 child process on a free 127.0.0.1
 * port (logs to a file, private APPIUM_HOME linking the reference driver and the user's
 * installed drivers; see home-plan.ts), or a given remote URL (remote Appium, Selenium Grid,
 * device farm), which is only checked, never managed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createPrivateAppiumHome, REFERENCE_DRIVER_DIR, type PrivateAppiumHome } from './appium-home.js';
import { AppiumRemoteUnreachableError, AppiumStartError, AppiumStartTimeoutError } from './errors.js';
import { freePort } from './free-port.js';
import { assertDriversAvailable, homeOptionsFromEnv, planAppiumHome, type AppiumHomePlan } from './home-plan.js';
import { userAppiumHome, type InstalledDriver } from './installed-drivers.js';
import { isRunning, registerCleanup, stopChild } from '../../support/index.js';
import { SECRET_LOG_FILTERS } from './log-filters.js';
import { authHeaders, splitUrlCredentials } from './url-credentials.js';

export interface StartedAppium {
  readonly kind: 'local' | 'remote';
  /** Base URL for WebdriverIO (protocol, host, port, path); never with credentials. */
  readonly url: URL;
  /**
   * Headers every request to this server needs: `Authorization` when the given URL carried
   * credentials (a method, so that serializing the handle never writes them anywhere).
   */
  requestHeaders(): Record<string, string>;
  /** PID of the local server process (local only). */
  readonly pid?: number;
  /** Where the server's output went (local only). */
  readonly logFile?: string;
  /** The APPIUM_HOME the local server used (a private one is removed by stop()). */
  readonly appiumHome?: string;
  /** Drivers the local server offers (linked into the private home, or found in the given one). */
  readonly drivers?: readonly InstalledDriver[];
  stop(): Promise<void>;
}

export function appiumEntryPoint(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('appium/package.json')), 'index.js');
}

const statusUrl = (url: URL): URL => new URL('status', url.href.endsWith('/') ? url : `${url.href}/`);

async function fetchStatus(url: URL, timeoutMs: number, headers: Record<string, string> = {}): Promise<boolean> {
  try {
    const res = await fetch(statusUrl(url), { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { value?: { ready?: boolean } };
    return body.value?.ready !== false;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LocalAppiumServer {
  #driverDirs: string[] = [REFERENCE_DRIVER_DIR];
  #appiumHome: string | null = null;
  #userHome: string | null | undefined = undefined;
  #automationNames: string[] = [];
  #logFile: string | null = null;
  #startTimeoutMs = 60_000;
  #extraArgs: string[] = [];

  /** Drivers (folders with an `appium` package.json field) for the private APPIUM_HOME. */
  withDrivers(dirs: string[]): this {
    this.#driverDirs = [...dirs];
    return this;
  }

  /** Use an existing APPIUM_HOME as-is (nothing linked) instead of a private one. */
  withAppiumHome(path: string): this {
    this.#appiumHome = path;
    return this;
  }

  /**
   * The APPIUM_HOME whose installed drivers the private home links (read only, never written).
   * Default: env APPIUM_HOME, else ~/.appium; null links none.
   */
  withUserDrivers(home: string | null): this {
    this.#userHome = home;
    return this;
  }

  /** start() fails with AppiumDriverMissingError, before spawning, if one of these has no driver. */
  requireAutomationNames(names: readonly string[]): this {
    this.#automationNames = [...names];
    return this;
  }

  /** The home and drivers start() would use. */
  plan(): Promise<AppiumHomePlan> {
    const userHome = this.#userHome === undefined ? userAppiumHome(process.env) : this.#userHome;
    return planAppiumHome({ ...(this.#appiumHome ? { appiumHome: this.#appiumHome } : {}), userHome, ownDriverDirs: this.#driverDirs });
  }

  withLogFile(path: string): this {
    this.#logFile = path;
    return this;
  }

  withStartTimeout(ms: number): this {
    this.#startTimeoutMs = ms;
    return this;
  }

  withArgs(args: string[]): this {
    this.#extraArgs = [...args];
    return this;
  }

  async start(): Promise<StartedAppium> {
    const plan = await this.plan();
    assertDriversAvailable(plan, this.#automationNames);
    const home = plan.kind === 'explicit' ? null : await createPrivateAppiumHome(plan.drivers.map((d) => d.dir));
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.#startOnce(home, plan.drivers);
        } catch (error) {
          // Another process may take the free port between our probe and Appium's listen.
          const portRace = error instanceof AppiumStartError && /EADDRINUSE/.test(error.message);
          if (!portRace || attempt >= 3) throw error;
        }
      }
    } catch (error) {
      await home?.dispose();
      throw error;
    }
  }

  async #startOnce(home: PrivateAppiumHome | null, drivers: readonly InstalledDriver[]): Promise<StartedAppium> {
    const port = await freePort();
    // Without a log file of the caller's, the log lives only as long as the server.
    const ownLog = this.#logFile === null;
    const logFile = this.#logFile ?? join(tmpdir(), `voltmx-conformance-appium-${process.pid}-${port}.log`);
    // Appium takes --log-filters only as a file path.
    const runDir = mkdtempSync(join(tmpdir(), 'voltmx-appium-run-'));
    const filters = join(runDir, 'log-filters.json');
    // Appium's own TMPDIR: the drivers' app sandboxes (pushed PKCS#12 files) land in it, so
    // removing runDir removes them even when Appium has to be killed.
    const appiumTmp = join(runDir, 'tmp');
    mkdirSync(appiumTmp, { mode: 0o700 });
    writeFileSync(filters, JSON.stringify(SECRET_LOG_FILTERS));
    const fd = openSync(logFile, 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [appiumEntryPoint(), 'server', '--address', '127.0.0.1', '--port', String(port), '--log-no-colors', '--log-filters', filters, ...this.#extraArgs], {
        env: { ...process.env, APPIUM_HOME: home?.path ?? this.#appiumHome ?? '', TMPDIR: appiumTmp },
        stdio: ['ignore', fd, fd],
      });
    } catch (error) {
      rmSync(runDir, { recursive: true, force: true });
      throw error;
    } finally {
      closeSync(fd);
    }
    child.once('exit', () => rmSync(runDir, { recursive: true, force: true }));
    const url = new URL(`http://127.0.0.1:${port}/`);
    const running = () => isRunning(child);
    // The process's one cleanup path stops it on a signal, an uncaught error or exit (the
    // private home has its own entry, which runs after this one).
    const cleanup = registerCleanup('Appium server', async () => {
      await stopChild(child, { graceMs: 5_000 });
      rmSync(runDir, { recursive: true, force: true });
      if (ownLog) rmSync(logFile, { force: true });
      await home?.dispose();
    }, {
      sync: () => {
        if (running()) child.kill('SIGKILL');
        rmSync(runDir, { recursive: true, force: true });
        if (ownLog) rmSync(logFile, { force: true });
      },
    });
    const stop = () => cleanup.run();
    const deadline = Date.now() + this.#startTimeoutMs;
    while (Date.now() < deadline) {
      if (!running()) {
        cleanup.release();
        throw new AppiumStartError(`the Appium server exited (code ${child.exitCode}) before it was ready:\n${tail(logFile)}`);
      }
      if (await fetchStatus(url, 1_000)) {
        return { kind: 'local', url, requestHeaders: () => ({}), pid: child.pid, logFile, appiumHome: home?.path ?? this.#appiumHome ?? undefined, drivers, stop };
      }
      await sleep(150);
    }
    await stop();
    throw new AppiumStartTimeoutError(`the Appium server did not answer GET /status within ${this.#startTimeoutMs} ms:\n${tail(logFile)}`);
  }
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * A server somebody else runs; stop() leaves it alone. Credentials in the URL travel as an
 * Authorization header, never in the URL the handle (or any message) shows.
 */
export async function useRemoteAppium(url: string | URL, timeoutMs = 10_000): Promise<StartedAppium> {
  const { url: target, authorization } = splitUrlCredentials(url);
  const headers = authHeaders(authorization);
  if (!(await fetchStatus(target, timeoutMs, headers))) {
    throw new AppiumRemoteUnreachableError(`no ready Appium server answered GET ${statusUrl(target).href}${authorization ? ' (with the URL\'s credentials as Basic authentication)' : ''}`);
  }
  return { kind: 'remote', url: target, requestHeaders: () => ({ ...headers }), stop: async () => {} };
}

export interface StartAppiumOptions {
  readonly remoteUrl?: string;
  readonly logFile?: string;
  /** automationNames the run's sessions need; a local server checks them before it starts. */
  readonly automationNames?: readonly string[];
  /** Read for VOLTMX_APPIUM_HOME (explicit home, used as-is) and APPIUM_HOME (user drivers). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A local server unless a remote URL is given (e.g. from VOLTMX_APPIUM_URL). A remote server's
 * drivers are not known beforehand, so only a local one is checked for automationNames.
 */
export function startAppium(options: StartAppiumOptions = {}): Promise<StartedAppium> {
  if (options.remoteUrl) return useRemoteAppium(options.remoteUrl);
  const home = homeOptionsFromEnv(options.env ?? process.env);
  const server = new LocalAppiumServer().withUserDrivers(home.userHome).requireAutomationNames(options.automationNames ?? []);
  if (home.appiumHome) server.withAppiumHome(home.appiumHome);
  if (options.logFile) server.withLogFile(options.logFile);
  return server.start();
}

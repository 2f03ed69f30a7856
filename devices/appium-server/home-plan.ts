/**
 * Which APPIUM_HOME a local server uses and which drivers it will offer; the harness and
 * doctor both ask this, so doctor checks the place the run will use.
 *
 * - `explicit`: VOLTMX_APPIUM_HOME (or `withAppiumHome()`) is used as-is; nothing is linked.
 * - `private` (default): a temp home linking the reference driver plus every driver installed
 *   in the user's APPIUM_HOME (env APPIUM_HOME, else ~/.appium), which is only read.
 *
 * Install commands always name APPIUM_HOME: run inside this project (appium is a dependency),
 * a bare `npx appium driver install` would install into the project itself.
 */
import { resolve } from 'node:path';
import { REFERENCE_DRIVER_DIR } from './appium-home.js';
import { AppiumDriverMissingError } from './errors.js';
import { findInstalledDrivers, readDriverPackage, userAppiumHome, type InstalledDriver } from './installed-drivers.js';

export const VOLTMX_APPIUM_HOME_ENV = 'VOLTMX_APPIUM_HOME';

export type AppiumHomePlan =
  | {
      readonly kind: 'private';
      /** Where user drivers come from and where install commands point. */
      readonly userHome: string;
      /** Drivers the server will offer: ours first, then the user's (by driverName, ours win). */
      readonly drivers: readonly InstalledDriver[];
    }
  | {
      readonly kind: 'explicit';
      readonly home: string;
      readonly drivers: readonly InstalledDriver[];
    };

export interface PlanOptions {
  /** An existing home to use as-is. */
  readonly appiumHome?: string;
  /** Where to link user drivers from; null: link none (install commands then name ~/.appium). */
  readonly userHome: string | null;
  /** Our own driver folders for a private home. Default: the reference driver. */
  readonly ownDriverDirs?: readonly string[];
}

/** What the environment asks for: VOLTMX_APPIUM_HOME (explicit), APPIUM_HOME or ~/.appium (user). */
export function homeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PlanOptions {
  const explicit = env[VOLTMX_APPIUM_HOME_ENV];
  return { ...(explicit ? { appiumHome: resolve(explicit) } : {}), userHome: userAppiumHome(env) };
}

export async function planAppiumHome(options: PlanOptions): Promise<AppiumHomePlan> {
  if (options.appiumHome) return { kind: 'explicit', home: options.appiumHome, drivers: await findInstalledDrivers(options.appiumHome) };
  const { userHome } = options;
  const own = (await Promise.all((options.ownDriverDirs ?? [REFERENCE_DRIVER_DIR]).map(readDriverPackage)))
    .filter((d): d is InstalledDriver => d !== null);
  const drivers = [...own];
  for (const driver of userHome ? await findInstalledDrivers(userHome) : []) {
    // Two packages with one driverName or one folder name cannot share a home.
    if (drivers.some((d) => d.driverName === driver.driverName || d.pkgName === driver.pkgName)) continue;
    drivers.push(driver);
  }
  return { kind: 'private', userHome: userHome ?? userAppiumHome({}), drivers };
}

/** The home install commands must target: the explicit one, else the user's. */
export function installHomeOf(plan: AppiumHomePlan): string {
  return plan.kind === 'explicit' ? plan.home : plan.userHome;
}

const shellQuote = (s: string): string => (/^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** Appium's own short names for the drivers our profiles use, by lower-case automationName. */
const INSTALL_SPECS: Record<string, string> = {
  uiautomator2: 'uiautomator2',
  xcuitest: 'xcuitest',
  espresso: 'espresso',
  voltmxreference: `--source=local ${shellQuote(REFERENCE_DRIVER_DIR.replace(/\/$/, ''))}`,
};

/** e.g. `APPIUM_HOME=/root/.appium npx appium driver install uiautomator2`. */
export function driverInstallCommand(home: string, automationName: string): string {
  const spec = INSTALL_SPECS[automationName.toLowerCase()] ?? `<the driver for automationName ${automationName}>`;
  return `APPIUM_HOME=${shellQuote(home)} npx appium driver install ${spec}`;
}

export function findDriverFor(plan: AppiumHomePlan, automationName: string): InstalledDriver | undefined {
  return plan.drivers.find((d) => d.automationName.toLowerCase() === automationName.toLowerCase());
}

/** Throws AppiumDriverMissingError naming every automationName the planned server cannot serve. */
export function assertDriversAvailable(plan: AppiumHomePlan, automationNames: readonly string[]): void {
  const missing = [...new Set(automationNames)].filter((name) => !findDriverFor(plan, name));
  if (missing.length === 0) return;
  const home = installHomeOf(plan);
  const where = plan.kind === 'explicit' ? `${home} (${VOLTMX_APPIUM_HOME_ENV})` : home;
  const lines = missing.map((name) => `${name} driver not installed in ${where}: run ${driverInstallCommand(home, name)}`);
  throw new AppiumDriverMissingError(missing, home, lines.join('\n'));
}

/** The automationNames of sessions with these capabilities (e.g. the run's device profiles). */
export function automationNamesOf(profiles: readonly { capabilities(options: { trustCa: string[] }): Record<string, unknown> }[]): string[] {
  return profiles.map((p) => p.capabilities({ trustCa: [] })['appium:automationName']).filter((n): n is string => typeof n === 'string');
}

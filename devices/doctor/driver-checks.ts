/**
 * Appium drivers, checked in the APPIUM_HOME the harness's local server will use
 * (appium-server/home-plan.ts): the private home linking the reference driver and the user's
 * drivers, or VOLTMX_APPIUM_HOME as-is. Fixes install into that same home, with APPIUM_HOME
 * spelled out so `npx appium` run inside this project does not install into the project.
 */
import { driverInstallCommand, findDriverFor, homeOptionsFromEnv, installHomeOf, planAppiumHome, VOLTMX_APPIUM_HOME_ENV, type AppiumHomePlan } from '../appium-server/home-plan.js';
import { REFERENCE_DRIVER_DIR } from '../appium-server/appium-home.js';
import { findInstalledDrivers } from '../appium-server/installed-drivers.js';
import type { CheckId, CheckResult } from './types.js';

const DRIVERS: readonly { id: CheckId; driverName: string; automationName: string }[] = [
  { id: 'driver-reference', driverName: 'voltmx-reference', automationName: 'VoltmxReference' },
  { id: 'driver-uiautomator2', driverName: 'uiautomator2', automationName: 'UiAutomator2' },
  { id: 'driver-xcuitest', driverName: 'xcuitest', automationName: 'XCUITest' },
];

function detailOf(plan: AppiumHomePlan, name: string): string {
  if (plan.kind === 'explicit') return `${name} in ${plan.home} (${VOLTMX_APPIUM_HOME_ENV}, used as-is)`;
  return `${name} (linked into the harness's private APPIUM_HOME)`;
}

export async function checkDrivers(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  const plan = await planAppiumHome(homeOptionsFromEnv(env));
  const home = installHomeOf(plan);
  // A user copy of voltmx-reference is shadowed by the repository's one in a private home.
  const userReference = plan.kind === 'private' && (await findInstalledDrivers(plan.userHome)).some((d) => d.driverName === 'voltmx-reference');
  return DRIVERS.map(({ id, driverName, automationName }): CheckResult => {
    const title = `Appium driver ${driverName}`;
    const driver = findDriverFor(plan, automationName);
    if (!driver) {
      const where = plan.kind === 'explicit' ? `${home} (${VOLTMX_APPIUM_HOME_ENV})` : home;
      return { id, title, ok: false, detail: `no driver for automationName ${automationName} in ${where}`, fix: driverInstallCommand(home, automationName) };
    }
    const own = plan.kind === 'private' && driver.dir === REFERENCE_DRIVER_DIR;
    const name = own ? 'devices/reference-driver' : `${driver.driverName}@${driver.version}${plan.kind === 'private' ? ` from ${plan.userHome}` : ''}`;
    const shadow = own && userReference ? `; the copy also installed in ${plan.userHome} is not used` : '';
    return { id, title, ok: true, detail: `${detailOf(plan, name)}${shadow}` };
  });
}

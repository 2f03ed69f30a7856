/** Which engine hosts the kit on which reference device. */
import type { Platform } from '../../../../reference/runtime/contract.js';
import type { AppHost } from './app-host.js';
import { jscHost } from './jsc/jsc-host.js';
import { vmHost } from './vm-host.js';

export type { AppHost, AppLaunchOptions, HostedApp, KitHostHooks } from './app-host.js';
export { AppHostError } from './app-host.js';

/** The engine Volt MX itself runs app code in: V8 on Android, JavaScriptCore on iOS. */
export function hostFor(platform: Platform): AppHost {
  return platform === 'ios' ? jscHost() : vmHost;
}

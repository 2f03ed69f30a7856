/** Which engine hosts the kit on which reference device. */
import type { Platform } from '../../../../reference/runtime/contract.js';
import type { AppHost } from './app-host.js';
import { vmHost } from './vm-host.js';

export type { AppHost, AppLaunchOptions, HostedApp, KitHostHooks } from './app-host.js';
export { AppHostError } from './app-host.js';

/** V8 for reference-android (as Volt MX on Android); reference-ios also runs on V8 until the JavaScriptCore host lands. */
export function hostFor(_platform: Platform): AppHost {
  return vmHost;
}

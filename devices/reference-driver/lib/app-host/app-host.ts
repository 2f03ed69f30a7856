/**
 * The seam between the reference driver and a JavaScript engine that runs the drop-in kit
 * (devices/app-kit) the way a Volt MX runtime does: the engine evaluates the kit's source, the
 * app code sees only the `voltmx` namespace (backed by a VoltmxRuntime on the Node side) and
 * the ECMA-262 built-ins, and the form's three widgets are wired with
 * `VoltmxConformance.wire({ command, run, result }, host)`.
 *
 * Two hosts plug in here the same way: V8 through node:vm (reference-android, vm-host.ts) and
 * JavaScriptCore through a stdin/stdout bridge (reference-ios). The driver only ever talks to a
 * HostedApp: the widgets' text, a click, and the end of the launch.
 */
import type { VoltmxRuntime } from '../../../../reference/runtime/contract.js';
import type { ElementIdValue } from '../../../conformance-app/contract.js';
import { DevicesError } from '../../../../support/errors/index.js';

/**
 * What the form's wiring code hands the kit as `host` (docs/app-contract.md, "Pre-bundled
 * files"). The functions run on the Node side; an engine host exposes them to the kit as plain
 * functions (a real app: an FFI on Android, a bundle path on iOS).
 */
export interface KitHostHooks {
  /** Android: copies the bundled file `name` to `destPath`; false when there is no such file. */
  copyBundledFile?(name: string, destPath: string): boolean;
  /** iOS: the path of the bundled file `name`, or null when there is no such file. */
  bundledFilePath?(name: string): string | null;
  /** What `info` reports. */
  runtimeVersion?: string;
  appVersion?: string;
}

export interface AppLaunchOptions {
  /** The built kit, exactly as `voltmx-conformance app-kit` writes it. */
  kitSource: string;
  /** The launch's runtime: what backs the `voltmx` namespace the kit sees. */
  runtime: VoltmxRuntime;
  hooks: KitHostHooks;
}

/** One launch of the app: its form's widgets, as automation sees them. */
export interface HostedApp {
  /** The widget's `text` property as the app last set it (or as typed). */
  getText(id: ElementIdValue): string;
  /**
   * The widget's accessibilityConfig as the app last set it (iOS reads a Label through it);
   * undefined when the host does not model accessibility (the driver then reads `text`).
   */
  getAccessibility?(id: ElementIdValue): { a11yLabel?: string; a11yValue?: string } | undefined;
  /** Sets the widget's `text` (typing into the TextBox2). */
  setText(id: ElementIdValue, text: string): void;
  /** Calls the widget's `onClick` (if the app set one) with the widget, as the platform does. */
  click(id: ElementIdValue): void;
  /** Ends the engine; callbacks in flight go nowhere (the runtime is shut down by the caller). */
  terminate(): Promise<void>;
}

export interface AppHost {
  /** The engine, for logs and `info`: "v8" or "javascriptcore". */
  readonly engine: string;
  /** Evaluates the kit in a fresh context and wires the form; throws AppHostError when it cannot. */
  launch(options: AppLaunchOptions): Promise<HostedApp>;
}

export class AppHostError extends DevicesError {
  readonly code: string;
  constructor(code: 'APP_HOST_KIT_FAILED' | 'APP_HOST_WIRING_FAILED' | 'APP_HOST_ENGINE_MISSING' | 'APP_HOST_BRIDGE_FAILED' | 'APP_HOST_ENGINE_CRASHED', message: string) {
    super(message);
    this.code = code;
  }
}

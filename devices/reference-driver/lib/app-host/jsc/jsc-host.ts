/**
 * The JavaScriptCore host (reference-ios, as Volt MX on iOS): the kit runs in Apple's engine
 * (the `jsc` shell, one process per app launch) and its `voltmx` calls cross a stdin/stdout
 * bridge to the launch's runtime, the way a Volt MX iOS app bridges JavaScript to native code.
 * The form's widgets stay on the Node side (the driver reads and types into them there); the
 * kit reaches them through the bridge, and a click reaches the kit as an event.
 */
import { findJsc, JSC_INSTALL } from '../../../../../support/tools/index.js';
import type { ElementIdValue } from '../../../../conformance-app/contract.js';
import { AppHostError, type AppHost, type AppLaunchOptions, type HostedApp } from '../app-host.js';
import { hostedForm } from '../vm-host.js';
import { voltmxNamespace } from '../voltmx-namespace.js';
import { createForm, createUi } from '../widgets.js';
import { JscBridge } from './jsc-bridge.js';

export const KIT_FILE_NAME = 'voltmx-conformance-kit.js';
const WIRE = ['VoltmxConformance', 'wire'];

/** What went wrong in the engine, keeping the bridge's own failure (crash, protocol) as it is. */
function launchError(bridge: JscBridge, code: 'APP_HOST_KIT_FAILED' | 'APP_HOST_WIRING_FAILED', what: string, error: unknown): AppHostError {
  if (bridge.failure) return bridge.failure;
  return new AppHostError(code, `${what}: ${(error as Error).message}`);
}

export function jscHost(env: NodeJS.ProcessEnv = process.env): AppHost {
  return {
    engine: 'javascriptcore',
    async launch(options: AppLaunchOptions): Promise<HostedApp> {
      const jsc = findJsc(env);
      if (!jsc.exists) {
        throw new AppHostError('APP_HOST_ENGINE_MISSING', `JavaScriptCore's jsc shell is not at ${jsc.path}${jsc.from === 'env' ? ' (VOLTMX_JSC)' : ''}; install: ${JSC_INSTALL}`);
      }
      const ui = createUi();
      const voltmx = voltmxNamespace(options.runtime, ui);
      const bridge = JscBridge.start({ jscPath: jsc.path, root: voltmx.namespace });
      const end = async (): Promise<void> => {
        voltmx.end();
        await bridge.stop();
      };
      try {
        try {
          await bridge.load(options.kitSource, KIT_FILE_NAME);
        } catch (error) {
          throw launchError(bridge, 'APP_HOST_KIT_FAILED', 'the kit did not load in JavaScriptCore', error);
        }
        if ((await bridge.typeOf(WIRE)) !== 'function') throw new AppHostError('APP_HOST_WIRING_FAILED', 'the kit defines no VoltmxConformance.wire');
        const form = createForm(ui);
        try {
          // As the app's wiring code would: object literals holding the widgets and the host hooks.
          await bridge.callGlobal(WIRE, [form, { ...options.hooks }], [0, 1]);
        } catch (error) {
          throw launchError(bridge, 'APP_HOST_WIRING_FAILED', 'VoltmxConformance.wire failed', error);
        }
        return failFast(hostedForm(form, () => undefined), bridge, end);
      } catch (error) {
        await end();
        throw error;
      }
    },
  };
}

/** A crashed engine answers no click: the driver gets the crash, not a silent no-op. */
function failFast(form: HostedApp, bridge: JscBridge, end: () => Promise<void>): HostedApp {
  const alive = (): void => {
    if (bridge.failure) throw bridge.failure;
  };
  return {
    getText: (id: ElementIdValue) => form.getText(id),
    getAccessibility: (id: ElementIdValue) => form.getAccessibility?.(id),
    setText: (id: ElementIdValue, text: string) => {
      alive();
      form.setText(id, text);
    },
    click: (id: ElementIdValue) => {
      alive();
      form.click(id);
    },
    async terminate() {
      await form.terminate();
      await end();
    },
  };
}

/**
 * The V8 host (reference-android, as Volt MX on Android): the kit runs in a node:vm context
 * whose global object holds only the ECMA-262 built-ins and `voltmx`. V8 adds `console` and
 * `WebAssembly` to every context; neither is ECMA-262, so both are removed before the kit runs.
 */
import { createContext, runInContext, type Context } from 'node:vm';
import type { ElementIdValue } from '../../../conformance-app/contract.js';
import { AppHostError, type AppHost, type AppLaunchOptions, type HostedApp } from './app-host.js';
import { voltmxNamespace } from './voltmx-namespace.js';
import { createForm, createUi, type Widget } from './widgets.js';

/** Globals V8 puts into a new context that ECMA-262 does not define. */
const NOT_ECMA = ['console', 'WebAssembly'];

/** A context with the ECMA-262 built-ins only; `voltmx` is added by the launch. */
export function ecmaOnlyContext(): Context {
  const context = createContext(Object.create(null) as object, { codeGeneration: { strings: false, wasm: false } });
  runInContext(NOT_ECMA.map((name) => `delete globalThis.${name};`).join('\n'), context);
  return context;
}

export const vmHost: AppHost = {
  engine: 'v8',
  async launch(options: AppLaunchOptions): Promise<HostedApp> {
    const ui = createUi();
    const voltmx = voltmxNamespace(options.runtime, ui);
    const context = ecmaOnlyContext();
    Object.defineProperty(context, 'voltmx', { value: voltmx.namespace, enumerable: true });
    try {
      runInContext(options.kitSource, context, { filename: 'voltmx-conformance-kit.js' });
    } catch (error) {
      voltmx.end();
      throw new AppHostError('APP_HOST_KIT_FAILED', `the kit did not load in V8: ${(error as Error).message}`);
    }
    const form = createForm(ui);
    const kit = (context as { VoltmxConformance?: { wire?: unknown } }).VoltmxConformance;
    if (typeof kit?.wire !== 'function') {
      voltmx.end();
      throw new AppHostError('APP_HOST_WIRING_FAILED', 'the kit defines no VoltmxConformance.wire');
    }
    try {
      (kit.wire as (widgets: unknown, host: unknown) => void)(form, { ...options.hooks });
    } catch (error) {
      voltmx.end();
      throw new AppHostError('APP_HOST_WIRING_FAILED', `VoltmxConformance.wire failed: ${(error as Error).message}`);
    }
    return hostedForm(form, () => voltmx.end());
  },
};

/** The driver's view of a wired form (shared by hosts whose widgets live on the Node side). */
export function hostedForm(form: Record<ElementIdValue, Widget>, end: () => void): HostedApp {
  let ended = false;
  const widget = (id: ElementIdValue): Widget => {
    const found = form[id];
    if (!found) throw new AppHostError('APP_HOST_WIRING_FAILED', `the form has no widget ${id}`);
    return found;
  };
  return {
    getText: (id) => String(widget(id).text ?? ''),
    getAccessibility: (id) => {
      const config = widget(id).accessibilityConfig;
      return config ? { ...config } : undefined;
    },
    setText: (id, text) => {
      widget(id).text = text;
    },
    click: (id) => {
      if (ended) return;
      const target = widget(id);
      if (typeof target.onClick === 'function') target.onClick(target);
    },
    async terminate() {
      ended = true;
      end();
    },
  };
}


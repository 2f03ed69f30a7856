/**
 * A deliberately broken RuntimeFactory: loadClientCertificate says true but loads nothing,
 * so no certificate is ever presented. Proves that the specs and the pipeline catch it.
 * It wraps the reference.
 */
import type { RuntimeFactory, VoltmxRuntime } from '../../../reference/runtime/contract.js';
import { createRuntime as createReferenceRuntime } from '../../../reference/index.js';

const base: RuntimeFactory = createReferenceRuntime;

/** Forwards to the target, with methods bound to it (private fields stay reachable). */
function forward<T extends object>(target: T, overrides: Record<string | symbol, unknown>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in overrides) return overrides[prop];
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' && prop !== 'HttpRequest' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

export const createRuntime: RuntimeFactory = (options) => {
  const runtime: VoltmxRuntime = base(options);
  const net = forward(runtime.net, { loadClientCertificate: () => true });
  return forward(runtime, { net });
};

export default createRuntime;

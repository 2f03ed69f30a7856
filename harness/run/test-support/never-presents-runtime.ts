/**
 * A deliberately broken RuntimeFactory: loadClientCertificate says true but loads nothing,
 * so no certificate is ever presented. Proves that the specs and the pipeline catch it.
 * It wraps the reference itself: if the reference does not load, this module does not either,
 * and the test that hosts it fails (there is no stand-in to fall back on).
 */
import { createRuntime as createReference } from '../../../reference/index.js';
import type { RuntimeFactory } from '../../../reference/runtime/contract.js';

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
  const runtime = createReference(options);
  const net = forward(runtime.net, { loadClientCertificate: () => true });
  return forward(runtime, { net });
};

export default createRuntime;

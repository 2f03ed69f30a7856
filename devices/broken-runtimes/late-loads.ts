/**
 * BROKEN on purpose: a load is answered at once (true / false / 100 / 101, checked on a
 * scratch launch), but takes effect only LATE_MS later, so a request started right after the
 * load still goes out with the previous state. Expected to fail CA-LOAD-IMMEDIATE, everything
 * that presents right after a load blocked by it.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { LoadFailure, RuntimeFactory, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { wrapRuntime } from './wrap-runtime.js';

export const LATE_MS = 1_500;

/** Per launched runtime: its loads still waiting to take effect. */
const pendingLoads = new WeakMap<VoltmxRuntime, Set<Promise<void>>>();

/** Resolves once every load made so far on `runtime` (from this factory) has taken effect, or shutdown dropped it. */
export async function lateLoadsApplied(runtime: VoltmxRuntime): Promise<void> {
  await Promise.all([...(pendingLoads.get(runtime) ?? [])]);
}

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  const timers = new Map<NodeJS.Timeout, () => void>();
  const pending = new Set<Promise<void>>();
  let scratchFailure: LoadFailure | null = null;
  const runtime = wrapRuntime(inner, {
    loadClientCertificate(...args) {
      const scratch = createReference({ ...options, filesDir: undefined });
      try {
        const answer = (scratch.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
        scratchFailure = scratch.lastLoadFailure?.() ?? null;
        if (answer === true) {
          let settle = (): void => {};
          const applied = new Promise<void>((resolve) => { settle = resolve; }).then(() => { pending.delete(applied); });
          pending.add(applied);
          const timer = setTimeout(() => {
            timers.delete(timer);
            (inner.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
            settle();
          }, LATE_MS);
          timers.set(timer, settle);
        }
        return answer;
      } finally {
        void scratch.shutdown();
      }
    },
    lastLoadFailure: () => scratchFailure,
    afterShutdown: () => {
      for (const [timer, settle] of timers) {
        clearTimeout(timer);
        settle();
      }
      timers.clear();
    },
  });
  pendingLoads.set(runtime, pending);
  return runtime;
};

export default createRuntime;

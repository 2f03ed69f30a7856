/**
 * BROKEN on purpose: a load is answered at once (true / false / 100 / 101, checked on a
 * scratch launch), but takes effect only LATE_MS later, so a request started right after the
 * load still goes out with the previous state. Expected to fail CA-LOAD-IMMEDIATE, everything
 * that presents right after a load blocked by it.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { LoadFailure, RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from './wrap-runtime.js';

export const LATE_MS = 1_500;

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  const timers = new Set<NodeJS.Timeout>();
  let scratchFailure: LoadFailure | null = null;
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      const scratch = createReference({ ...options, filesDir: undefined });
      try {
        const answer = (scratch.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
        scratchFailure = scratch.lastLoadFailure?.() ?? null;
        if (answer === true) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            (inner.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
          }, LATE_MS);
          timers.add(timer);
        }
        return answer;
      } finally {
        void scratch.shutdown();
      }
    },
    lastLoadFailure: () => scratchFailure,
    afterShutdown: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  });
};

export default createRuntime;

/**
 * BROKEN on purpose: once a certificate is loaded, a later load is only checked (on a scratch
 * launch) and answered truthfully, but the first certificate stays in force.
 * Expected to fail CA-REPLACE and the replacement requirements built on it.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { LoadFailure, RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from './wrap-runtime.js';

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  let holding = false;
  let scratchFailure: LoadFailure | null | undefined;
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      scratchFailure = undefined;
      if (!holding) {
        holding = (inner.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args) === true;
        return holding;
      }
      // The answer (true / false / 100 / 101) comes from a throwaway launch: nothing is swapped in.
      const scratch = createReference({ ...options });
      try {
        const answer = (scratch.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
        scratchFailure = scratch.lastLoadFailure?.() ?? null;
        return answer;
      } finally {
        void scratch.shutdown();
      }
    },
    removeClientCertificate(...args) {
      (inner.net.removeClientCertificate as (...a: unknown[]) => void)(...args);
      if (inner.platform === 'android') holding = false;
    },
    lastLoadFailure: () => (scratchFailure !== undefined ? scratchFailure : inner.lastLoadFailure?.() ?? null),
  });
};

export default createRuntime;

/**
 * VARIANT (correct): a table without `pass` loads as if pass were "", as a Kony iOS header
 * declares ("If password field is missing. Empty string will be used", platform-facts §3).
 * Differs from the reference's decision CA-PASS-REQUIRED, and only there.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from '../broken-runtimes/wrap-runtime.js';
import { tableOf } from './load-arguments.js';

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  const load = inner.net.loadClientCertificate as (...args: unknown[]) => unknown;
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      const table = tableOf(args);
      if (table && !('pass' in table)) return load({ ...table, pass: '' });
      return load(...args);
    },
  });
};

export default createRuntime;

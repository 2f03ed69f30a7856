/**
 * BROKEN on purpose: a call with the wrong number of arguments returns false instead of
 * throwing error 101. Expected to fail CA-ERR-101.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from './wrap-runtime.js';

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  return wrapRuntime(inner, {
    loadClientCertificate: (...args) => (args.length === 1 ? (inner.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args) : false),
  });
};

export default createRuntime;

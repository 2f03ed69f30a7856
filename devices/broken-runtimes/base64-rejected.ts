/**
 * BROKEN on purpose: a base64 string `cert` is answered with false (only RawBytes load).
 * Parameter checks (100 / 101) are still the reference's. Expected to fail CA-LOAD-BASE64
 * and the loading requirements that also load base64.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from './wrap-runtime.js';

const isBase64Call = (args: unknown[]): boolean => {
  const params = args[0] as { cert?: unknown; pass?: unknown } | null | undefined;
  return args.length === 1 && typeof params === 'object' && params !== null && typeof params.cert === 'string' && typeof params.pass === 'string';
};

/** `factory`'s runtime, answering false to every base64 cert. */
export const rejectingBase64 = (factory: RuntimeFactory): RuntimeFactory => (options) => {
  const inner = factory(options);
  let rejected = false;
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      rejected = isBase64Call(args);
      return rejected ? false : (inner.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
    },
    lastLoadFailure: () => (rejected ? { code: 'BROKEN_BASE64_REJECTED', message: 'base64 input is not supported' } : inner.lastLoadFailure?.() ?? null),
  });
};

export const createRuntime: RuntimeFactory = rejectingBase64(createReference);

export default createRuntime;

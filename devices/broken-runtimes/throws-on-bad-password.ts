/**
 * BROKEN on purpose: a wrong PKCS#12 password throws (an error without a voltmx errorCode)
 * instead of returning false. Expected to fail CA-PASSWORD-WRONG.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { WrongPasswordThrownError } from './errors.js';
import { wrapRuntime } from './wrap-runtime.js';

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      const answer = (inner.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
      if (!answer && inner.lastLoadFailure?.()?.code === 'PKCS12_BAD_PASSWORD') throw new WrongPasswordThrownError();
      return answer;
    },
  });
};

export default createRuntime;

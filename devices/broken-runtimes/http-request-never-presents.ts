/**
 * BROKEN on purpose: voltmx.net.HttpRequest never presents the loaded certificate (it runs on
 * a launch of its own that no load reaches); invokeServiceAsync does. Expected to fail
 * CA-BOTH-APIS, everything else that presents through HttpRequest blocked by it.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from './wrap-runtime.js';

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  const withoutCertificate = createReference({ ...options, filesDir: undefined });
  return wrapRuntime(inner, {
    HttpRequest: withoutCertificate.net.HttpRequest,
    afterShutdown: () => withoutCertificate.shutdown(),
  });
};

export default createRuntime;

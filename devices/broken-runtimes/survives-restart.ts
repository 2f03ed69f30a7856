/**
 * BROKEN on purpose: the last successfully loaded certificate is kept in module state and
 * loaded again into every new launch, so it survives an app restart.
 * Expected to fail CA-APP-LIFETIME.
 *
 * Keyed by platform and sandbox folder (one installed app on one device): a device hosting
 * this module for several sessions at once keeps them apart, while restarts of the same app
 * share the state, which is the defect.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { ClientCertificateParams, RuntimeFactory, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { wrapRuntime } from './wrap-runtime.js';

/** What a later launch loads again: the cert as base64 text, so no RawBytes outlives its launch. */
const carried = new Map<string, { cert: string; pass: string }>();

function copyOf(runtime: VoltmxRuntime, params: ClientCertificateParams): { cert: string; pass: string } {
  const { cert, pass } = params;
  return { cert: typeof cert === 'string' ? cert : runtime.convertToBase64(cert), pass };
}

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  const key = `${options.platform}|${options.filesDir ?? ''}`;
  const kept = carried.get(key);
  if (kept) inner.net.loadClientCertificate(kept);
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      const answer = (inner.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
      if (answer === true) carried.set(key, copyOf(inner, args[0] as ClientCertificateParams));
      return answer;
    },
    removeClientCertificate(...args) {
      (inner.net.removeClientCertificate as (...a: unknown[]) => void)(...args);
      if (inner.platform === 'android') carried.delete(key);
    },
  });
};

export default createRuntime;

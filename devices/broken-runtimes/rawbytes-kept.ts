/**
 * BROKEN on purpose: the runtime keeps the app's RawBytes instead of what it loaded from them
 * and reads them again before each request, so an app that clears its RawBytes after the load
 * (`.clear()`, documented for sensitive data) is left with no certificate.
 * Expected to fail CA-LOAD-COPIES-BYTES.
 *
 * Re-assembled from the reference's parts, as failed-load-clears is: when the kept RawBytes
 * turn out empty, a load whose agent presents nothing is swapped in.
 */
import type { Pkcs12Contents } from '../../reference/credentials/client-identity.js';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { HttpRequestConstructor, RawBytes, RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';
import { wrapRuntime } from './wrap-runtime.js';

export const createRuntime: RuntimeFactory = (options) => {
  let dropping = false;
  let loaded: Pkcs12Contents | null = null;
  const inner = createRuntimeWith(options, {
    decodePkcs12(bytes, password) {
      if (dropping && loaded) return loaded;
      const contents = decodePkcs12(bytes, password);
      loaded = contents;
      return contents;
    },
    createAgent: (agentOptions) => new ClientCertificateAgent(dropping ? { ...agentOptions, identities: [] } : agentOptions),
  });
  const load = inner.net.loadClientCertificate as (...a: unknown[]) => boolean;
  let kept: RawBytes | null = null;
  /** Reads the kept RawBytes again: cleared ones leave nothing to present. */
  const reread = (): void => {
    if (!kept || inner.convertToBase64(kept) !== '') return;
    kept = null;
    dropping = true;
    try {
      load({ cert: inner.convertToRawBytes('AA=='), pass: '' }); // any bytes: the decoder answers with `loaded`
    } finally {
      dropping = false;
    }
  };
  const InnerRequest = inner.net.HttpRequest as unknown as new (...a: unknown[]) => { send(...a: unknown[]): void };
  const HttpRequest = class extends InnerRequest {
    override send(...args: unknown[]): void {
      reread();
      super.send(...args);
    }
  };
  for (const name of ['UNSENT', 'OPENED', 'HEADERS_RECEIVED', 'LOADING', 'DONE'] as const) {
    Object.defineProperty(HttpRequest, name, { value: inner.net.HttpRequest[name] });
  }
  const invoke = inner.net.invokeServiceAsync as (...a: unknown[]) => unknown;
  const wrapped = wrapRuntime(inner, {
    loadClientCertificate(...args) {
      const answer = load(...args);
      if (answer) {
        const cert = (args[0] as { cert?: unknown }).cert;
        kept = typeof cert === 'object' && cert !== null ? (cert as RawBytes) : null;
      }
      return answer;
    },
    HttpRequest: HttpRequest as unknown as HttpRequestConstructor,
  });
  wrapped.net.invokeServiceAsync = ((...args: unknown[]) => {
    reread();
    return invoke(...args);
  }) as typeof wrapped.net.invokeServiceAsync;
  return wrapped;
};

export default createRuntime;

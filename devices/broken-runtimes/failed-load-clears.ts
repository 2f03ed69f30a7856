/**
 * BROKEN on purpose: a load that returns false (wrong password, corrupt bytes, bad base64)
 * also drops the certificate in force, so later requests present none.
 * Expected to fail CA-FAILED-LOAD-KEEPS-OLD.
 *
 * Re-assembled from the reference's parts: after a failed load, the decoder hands the store
 * the identities it already has and the agent factory builds an agent that presents none, so
 * the store swaps in an empty generation on both platforms.
 */
import type { Pkcs12Contents } from '../../reference/credentials/client-identity.js';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { LoadFailure, RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';
import { wrapRuntime } from './wrap-runtime.js';

export const createRuntime: RuntimeFactory = (options) => {
  let clearing = false;
  let loaded: Pkcs12Contents | null = null;
  const inner = createRuntimeWith(options, {
    decodePkcs12(bytes, password) {
      if (clearing && loaded) return loaded;
      const contents = decodePkcs12(bytes, password);
      if (contents.identities.length > 0) loaded = contents;
      return contents;
    },
    createAgent: (agentOptions) => new ClientCertificateAgent(clearing ? { ...agentOptions, identities: [] } : agentOptions),
  });
  const load = inner.net.loadClientCertificate as (...a: unknown[]) => boolean;
  let failure: LoadFailure | null = null;
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      const answer = load(...args); // 100 / 101 propagate and change nothing, as in the reference
      failure = answer ? null : inner.lastLoadFailure?.() ?? null;
      if (!answer && loaded) {
        clearing = true;
        try {
          load({ cert: inner.convertToRawBytes('AA=='), pass: '' }); // any bytes: the decoder answers with `loaded`
        } finally {
          clearing = false;
        }
      }
      return answer;
    },
    lastLoadFailure: () => failure,
  });
};

export default createRuntime;

/**
 * BROKEN on purpose: a redirect hop is made without the loaded certificate (as if the
 * redirect were followed by a client that has no identity); the first hop of every request
 * presents as the reference does. Expected to fail CA-REDIRECT-PRESENTS.
 */
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { Lease } from '../../reference/credentials/credential-store.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { Transport } from '../../reference/net/transport.js';
import { ClientCertificateAgent } from '../../reference/tls/client-certificate-agent.js';
import { wrapRuntime } from './wrap-runtime.js';

export const createRuntime: RuntimeFactory = (options) => {
  const withoutIdentity = new ClientCertificateAgent({ platform: options.platform, identities: [], ca: options.trust.ca });
  const bare: Lease = { generation: { number: -1, identities: [], agent: withoutIdentity }, release() {} };
  class FirstHopOnlyTransport extends Transport {
    protected override leaseFor(url: URL, redirected = false): Lease | null {
      return redirected && url.protocol === 'https:' ? bare : super.leaseFor(url, redirected);
    }
  }
  const inner = createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => new ClientCertificateAgent(agentOptions),
    createTransport: (store) => new FirstHopOnlyTransport(store),
  });
  return wrapRuntime(inner, { afterShutdown: () => withoutIdentity.destroy() });
};

export default createRuntime;

/**
 * Shared by http-request-hangs and invoke-never-calls-back (not a runtime itself): a launch
 * whose connections to a server that asks for a client certificate, while one is loaded, are
 * never handed to the request (a client-certificate challenge that is never answered, as an
 * iOS URLSession delegate that never calls its completion handler). Such requests never end;
 * every other connection is the reference's. Loads and removals reach both launches.
 */
import type { RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { createRuntime as createReference } from '../../reference/index.js';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeOptions, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { probeCertificateRequest } from '../../reference/tls/certificate-request-probe.js';
import { ClientCertificateAgent, type ClientCertificateAgentOptions } from '../../reference/tls/client-certificate-agent.js';
import { DelegatingAgent, type ConnectCallback } from './delegating-agent.js';
import { wrapRuntime } from './wrap-runtime.js';

/** Whether the server sends a CertificateRequest (one handshake without certificate, once per server). */
async function asksForCertificate(options: RequestOptions, ca: readonly string[]): Promise<boolean> {
  try {
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const servername = typeof options.servername === 'string' && options.servername ? options.servername : undefined;
    const outcome = await probeCertificateRequest({ host, port: Number(options.port ?? 443), servername, ca });
    outcome.socket?.destroy();
    return outcome.result.requested;
  } catch {
    return false;
  }
}

class SilentWhenAskedAgent extends DelegatingAgent {
  private readonly asks = new Map<string, Promise<boolean>>();

  constructor(
    private readonly agentOptions: ClientCertificateAgentOptions,
    private readonly presenting = new ClientCertificateAgent(agentOptions),
  ) {
    super([presenting]);
  }

  override createConnection(options: RequestOptions, callback?: ConnectCallback): Duplex | null | undefined {
    if (this.agentOptions.identities.length === 0) return this.presenting.createConnection(options, callback);
    const key = `${options.host}:${options.port}`;
    if (!this.asks.has(key)) this.asks.set(key, asksForCertificate(options, this.agentOptions.ca));
    void this.asks.get(key)!.then((asks) => {
      // The defect: asked for a certificate, the connection is never handed over.
      if (!asks) this.presenting.createConnection(options, callback);
    });
    return undefined;
  }
}

/** The reference, with HttpRequest or invokeServiceAsync taken from a launch whose client-auth requests never end. */
export function silentWhenAsked(options: RuntimeOptions, api: 'http-request' | 'invoke-service'): VoltmxRuntime {
  const inner = createReference(options);
  const silent = createRuntimeWith(options, { decodePkcs12, createAgent: (agentOptions) => new SilentWhenAskedAgent(agentOptions) });
  const both = (name: 'loadClientCertificate' | 'removeClientCertificate') => (...args: unknown[]) => {
    const answer = (inner.net[name] as (...a: unknown[]) => unknown)(...args);
    try {
      (silent.net[name] as (...a: unknown[]) => unknown)(...args);
    } catch {
      // the inner launch's answer is the one the app sees
    }
    return answer;
  };
  return wrapRuntime(inner, {
    loadClientCertificate: both('loadClientCertificate'),
    removeClientCertificate: both('removeClientCertificate'),
    ...(api === 'http-request'
      ? { HttpRequest: silent.net.HttpRequest }
      : { invokeServiceAsync: (...a: unknown[]) => (silent.net.invokeServiceAsync as (...x: unknown[]) => unknown)(...a), cancel: (...a: unknown[]) => (silent.net.cancel as (...x: unknown[]) => unknown)(...a) }),
    afterShutdown: () => silent.shutdown(),
  });
}

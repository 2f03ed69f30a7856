/**
 * The part of the TLS-version broken runtimes (tls12-never-presents, tls13-never-presents):
 * an agent that never presents a certificate over one TLS version. Before each server's first
 * connection it learns the version the server negotiates (a handshake without certificate);
 * servers of that version then get connections without one, the others the usual ones.
 */
import type { RequestOptions } from 'node:https';
import { connect } from 'node:tls';
import type { Duplex } from 'node:stream';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent, type ClientCertificateAgentOptions } from '../../reference/tls/client-certificate-agent.js';
import { DelegatingAgent, type ConnectCallback } from './delegating-agent.js';

/** The version a server negotiates with this client, asked once per server. */
function negotiatedVersion(options: RequestOptions, ca: readonly string[]): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: options.host ?? 'localhost', port: Number(options.port ?? 443), servername: options.servername, ca: [...ca] });
    const done = (version: string | null) => {
      socket.destroy();
      resolve(version);
    };
    socket.once('secureConnect', () => done(socket.getProtocol()));
    socket.once('error', () => done(null));
  });
}

export type TlsVersionName = 'TLSv1.2' | 'TLSv1.3';

class VersionWithholdingAgent extends DelegatingAgent {
  private readonly versions = new Map<string, Promise<string | null>>();

  constructor(
    private readonly agentOptions: ClientCertificateAgentOptions,
    private readonly withheldOn: TlsVersionName,
    private readonly presenting = new ClientCertificateAgent(agentOptions),
    private readonly withholding = new ClientCertificateAgent({ ...agentOptions, identities: [] }),
  ) {
    super([presenting, withholding]);
  }

  override createConnection(options: RequestOptions, callback?: ConnectCallback): Duplex | null | undefined {
    const key = `${options.host}:${options.port}`;
    if (!this.versions.has(key)) this.versions.set(key, negotiatedVersion(options, this.agentOptions.ca));
    void this.versions.get(key)!.then((version) => {
      const agent = version === this.withheldOn ? this.withholding : this.presenting;
      agent.createConnection(options, callback);
    });
    return undefined;
  }
}

/** A runtime that never presents a certificate over `version`. */
export function withholdingOn(version: TlsVersionName): RuntimeFactory {
  return (options) => createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => new VersionWithholdingAgent(agentOptions, version),
  });
}

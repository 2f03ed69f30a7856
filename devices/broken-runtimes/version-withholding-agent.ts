/**
 * The part of the TLS-version broken runtimes (tls12-never-presents, tls13-never-presents):
 * an agent that never presents a certificate over one TLS version. Before each server's first
 * connection it learns the version the server negotiates (a handshake without certificate);
 * servers of that version then get connections without one, the others the usual ones.
 */
import { Agent, type RequestOptions } from 'node:https';
import { connect } from 'node:tls';
import type { Duplex } from 'node:stream';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';
import { ClientCertificateAgent, type ClientCertificateAgentOptions } from '../../reference/tls/client-certificate-agent.js';

type ConnectCallback = (err: Error | null, stream: Duplex) => void;

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

class VersionWithholdingAgent extends Agent {
  private readonly presenting: ClientCertificateAgent;
  private readonly withholding: ClientCertificateAgent;
  private readonly versions = new Map<string, Promise<string | null>>();
  private retired = false;

  constructor(private readonly agentOptions: ClientCertificateAgentOptions, private readonly withheldOn: TlsVersionName) {
    super({ keepAlive: true, maxCachedSessions: 0 });
    this.presenting = new ClientCertificateAgent(agentOptions);
    this.withholding = new ClientCertificateAgent({ ...agentOptions, identities: [] });
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

  override keepSocketAlive(socket: Duplex): boolean {
    return !this.retired && (Agent.prototype.keepSocketAlive as unknown as (s: Duplex) => boolean).call(this, socket);
  }

  /** A load replaced this identity: nothing made with it is reused (only the version defect stays). */
  retire(): void {
    this.retired = true;
    this.presenting.retire();
    this.withholding.retire();
    for (const sockets of Object.values(this.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }

  override destroy(): void {
    this.presenting.destroy();
    this.withholding.destroy();
    super.destroy();
  }
}

/** A runtime that never presents a certificate over `version`. */
export function withholdingOn(version: TlsVersionName): RuntimeFactory {
  return (options) => createRuntimeWith(options, {
    decodePkcs12,
    createAgent: (agentOptions) => new VersionWithholdingAgent(agentOptions, version),
  });
}

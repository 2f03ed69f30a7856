/**
 * BROKEN on purpose: never presents a certificate over TLS 1.3. Before each server's first
 * connection it learns the version the server negotiates (a handshake without certificate);
 * TLS 1.3 servers then get connections without one, TLS 1.2 servers the usual ones.
 * Expected to fail CA-TLS13, everything that presents over TLS 1.3 blocked by it.
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

class Tls13WithoutCertificateAgent extends Agent {
  private readonly presenting: ClientCertificateAgent;
  private readonly withholding: ClientCertificateAgent;
  private readonly versions = new Map<string, Promise<string | null>>();
  private retired = false;

  constructor(private readonly agentOptions: ClientCertificateAgentOptions) {
    super({ keepAlive: true, maxCachedSessions: 0 });
    this.presenting = new ClientCertificateAgent(agentOptions);
    this.withholding = new ClientCertificateAgent({ ...agentOptions, identities: [] });
  }

  override createConnection(options: RequestOptions, callback?: ConnectCallback): Duplex | null | undefined {
    const key = `${options.host}:${options.port}`;
    if (!this.versions.has(key)) this.versions.set(key, negotiatedVersion(options, this.agentOptions.ca));
    void this.versions.get(key)!.then((version) => {
      const agent = version === 'TLSv1.3' ? this.withholding : this.presenting;
      agent.createConnection(options, callback);
    });
    return undefined;
  }

  override keepSocketAlive(socket: Duplex): boolean {
    return !this.retired && (Agent.prototype.keepSocketAlive as unknown as (s: Duplex) => boolean).call(this, socket);
  }

  /** A load replaced this identity: nothing made with it is reused (only the TLS 1.3 defect stays). */
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

export const createRuntime: RuntimeFactory = (options) => createRuntimeWith(options, {
  decodePkcs12,
  createAgent: (agentOptions) => new Tls13WithoutCertificateAgent(agentOptions),
});

export default createRuntime;

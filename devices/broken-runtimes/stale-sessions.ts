/**
 * BROKEN on purpose: TLS sessions are cached per server for the whole launch, not per
 * identity, so after a replacement the client resumes a session authenticated with the old
 * identity (the server then sees the old one, without a new Certificate message). Pools are
 * still per generation. Expected to fail CA-REPLACE-RESUMPTION.
 *
 * iOS profile only: it presents the file's first identity whenever asked (the iOS rule);
 * on Android that would be a second defect (no selection).
 */
import { Agent, type RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { ClientIdentity } from '../../reference/credentials/client-identity.js';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { createRuntimeWith } from '../../reference/runtime/create-runtime-with.js';

/** One generation's agent over a session cache shared by every generation of the launch. */
export class SessionSharingAgent extends Agent {
  constructor(
    private readonly identity: ClientIdentity | null,
    private readonly trusted: readonly string[],
    private readonly sessions: Map<string, Buffer>,
  ) {
    super({ keepAlive: true, maxCachedSessions: 0 });
  }

  override createConnection(options: RequestOptions): Duplex {
    const host = options.host ?? options.hostname ?? 'localhost';
    const key = `${host}:${options.port}`; // no identity in the key: the defect
    const socket = tlsConnect({
      host,
      port: Number(options.port),
      servername: options.servername ?? (isIP(host) === 0 ? host : undefined),
      ca: [...this.trusted],
      rejectUnauthorized: true,
      session: this.sessions.get(key),
      ...(this.identity ? { key: this.identity.keyPem, cert: this.identity.chainPem } : {}),
    });
    socket.on('session', (session: Buffer) => this.sessions.set(key, session));
    return socket;
  }

  retire(): void {
    this.destroy();
  }
}

export const createRuntime: RuntimeFactory = (options) => {
  const sessions = new Map<string, Buffer>();
  return createRuntimeWith(options, {
    decodePkcs12,
    createAgent: ({ identities, ca }) => new SessionSharingAgent(identities[0] ?? null, ca, sessions),
  });
};

export default createRuntime;

/**
 * An https.Agent for one credential generation: it presents the loaded client identity the
 * way the chosen platform would. The runtime makes a new agent on every load/remove and
 * retires the old one, so pooled connections and TLS sessions never outlive a credential.
 */
import { Agent, type RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import type { ClientIdentity } from '../credentials/client-identity.js';
import type { Platform } from '../runtime/contract.js';
import { probeCertificateRequest, type ProbeOutcome } from './certificate-request-probe.js';
import type { ProbeResult } from './certificate-request.js';
import { onAbort, type ConnectSignal, type ConnectSignalOption } from './connect-signal.js';
import { AgentRetiredError, ConnectCancelledError, ConnectFailedError, toTlsTransportError } from './errors.js';
import { selectIdentity } from './identity-selector.js';
import { SharedAttempt } from './shared-attempt.js';
import { TlsSessionCache } from './tls-session-cache.js';

/** How an identity is chosen for a CertificateRequest (selectIdentity's shape). */
export type IdentitySelector = typeof selectIdentity;

export interface ClientCertificateAgentOptions {
  readonly platform: Platform;
  /** Identities of the loaded PKCS#12, in file order; empty when none is loaded. */
  readonly identities: readonly ClientIdentity[];
  /** PEM certificates trusted for servers (hostname checks always on). */
  readonly ca: readonly string[];
  /** Default selectIdentity (Conscrypt's rule); the deliberately broken runtimes pass others. */
  readonly selectIdentity?: IdentitySelector;
  /** Default true: TLS sessions are cached (per server and identity) and resumed. */
  readonly resumeSessions?: boolean;
}

interface Target {
  readonly host: string;
  readonly port: number;
  readonly servername: string | undefined;
  /** Decision and session scope: one server as the app names it. */
  readonly key: string;
}

interface Decision {
  readonly probe: ProbeResult;
  readonly identity: ClientIdentity | null;
}

const NO_IDENTITY = 'none';

export class ClientCertificateAgent extends Agent {
  readonly platform: Platform;
  readonly identities: readonly ClientIdentity[];
  private readonly trusted: string[];
  private readonly select: IdentitySelector;
  /** Per server: the probe and the decision drawn from it (pending or made). */
  private readonly decisions = new Map<string, SharedAttempt<Decision>>();
  /** Probe connections that completed without a certificate, waiting for their first request. */
  private readonly probeSockets = new Map<string, { socket: TLSSocket; session: () => Buffer | undefined }>();
  private readonly sessions: TlsSessionCache;
  private readonly identityKeys = new Map<ClientIdentity, string>();
  /**
   * One TLS context per identity (and one for none), built once: passing PEM key, chain and CA
   * to every tls.connect made OpenSSL parse them again on each handshake.
   */
  private readonly contexts = new Map<ClientIdentity | null, SecureContext>();
  private retiredFlag = false;
  /** How many probe handshakes this agent made (diagnostics). */
  probeCount = 0;

  constructor(options: ClientCertificateAgentOptions) {
    // maxCachedSessions 0: the base agent's cache is keyed without the identity (see TlsSessionCache).
    // No TLS options here: createConnection uses its own contexts, and the base agent would copy
    // them into every request's options and pool name.
    super({ keepAlive: true, maxCachedSessions: 0 });
    this.platform = options.platform;
    this.identities = [...options.identities];
    this.trusted = [...options.ca];
    this.select = options.selectIdentity ?? selectIdentity;
    this.sessions = new TlsSessionCache(options.resumeSessions === false ? 0 : undefined);
    // Built now, so an identity OpenSSL cannot use fails the load (CERT_UNUSABLE), not a request.
    this.contexts.set(null, createSecureContext({ ca: this.trusted }));
    for (const identity of this.identities) {
      this.identityKeys.set(identity, identity.chain[0]?.fingerprint256 ?? 'unknown');
      this.contexts.set(identity, createSecureContext({ ca: this.trusted, key: identity.keyPem, cert: identity.chainPem }));
    }
  }

  get retired(): boolean {
    return this.retiredFlag;
  }

  /** The cached decision for a server, if one was made (the identity it presents, or null). */
  async decisionFor(host: string, port: number, servername?: string): Promise<ClientIdentity | null | undefined> {
    const decision = this.decisions.get(targetOf({ host, port, servername }).key);
    return decision ? (await decision.result).identity : undefined;
  }

  // Async form: Node's Agent waits for the callback when nothing is returned. The request's
  // `connectSignal` option (see connect-signal.ts) ends the connect, or its wait on a probe.
  override createConnection(
    options: RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const done = callback ?? (() => {});
    // Only requests admitted before retire() get here (addRequest refuses later ones): they
    // complete even on a retired agent; keepSocketAlive then closes the socket after them.
    this.connectFor(targetOf(options), (options as ConnectSignalOption).connectSignal).then(
      (socket) => {
        typeTlsAlerts(socket);
        done(null, socket);
      },
      (error: unknown) => done(error as Error, undefined as never),
    );
    return undefined;
  }

  // Not in @types/node, but the hook ClientRequest calls synchronously: a retired agent throws here.
  addRequest(...args: unknown[]): void {
    if (this.retiredFlag) throw new AgentRetiredError();
    (Agent.prototype as unknown as { addRequest: (...a: unknown[]) => void }).addRequest.apply(this, args);
  }

  override keepSocketAlive(socket: Duplex): boolean {
    if (this.retiredFlag) return false;
    return (Agent.prototype.keepSocketAlive as unknown as (s: Duplex) => boolean).call(this, socket);
  }

  /**
   * Ends this credential generation: new requests throw AgentRetiredError, idle sockets close
   * now, and nothing is pooled any more. Requests already admitted (queued, connecting or in
   * flight) complete on this agent's identity, each on a socket that closes after it; destroy()
   * is the hard stop that cuts them.
   */
  retire(): void {
    if (this.retiredFlag) return;
    this.retiredFlag = true;
    for (const sockets of Object.values(this.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
    for (const { socket } of this.probeSockets.values()) socket.destroy();
    this.probeSockets.clear();
    this.decisions.clear();
    this.sessions.clear();
  }

  override destroy(): void {
    this.retire();
    super.destroy();
  }

  private async connectFor(target: Target, signal: ConnectSignal | undefined): Promise<TLSSocket> {
    if (this.identities.length === 0) return this.connectTls(target, null, signal);
    if (this.platform === 'ios') return this.connectTls(target, this.identities[0]!, signal); // sent only if asked
    const decision = await this.decide(target, signal);
    // Gave up just as the decision came: leave any probe socket for the next request.
    if (signal?.aborted) throw new ConnectCancelledError();
    if (decision.identity === null) {
      const probe = this.probeSockets.get(target.key);
      this.probeSockets.delete(target.key);
      if (probe && !probe.socket.destroyed && probe.socket.writable) {
        const session = probe.session();
        if (session) this.sessions.set(TlsSessionCache.key(target.key, NO_IDENTITY), session);
        this.watchSessions(probe.socket, target, null);
        return probe.socket;
      }
      probe?.socket.destroy();
    }
    return this.connectTls(target, decision.identity, signal);
  }

  /**
   * Android: one probe per server per agent; concurrent first requests share it. Each waits
   * until its own signal fires; the probe is cancelled only when all its waiters gave up, and
   * a cancelled or failed probe is no decision: the next request probes again.
   */
  private decide(target: Target, signal: ConnectSignal | undefined): Promise<Decision> {
    let attempt = this.decisions.get(target.key);
    if (!attempt || attempt.abandoned) {
      const created = new SharedAttempt((abandoned) => this.runProbe(target, abandoned));
      this.decisions.set(target.key, created);
      created.result.catch(() => {
        if (this.decisions.get(target.key) === created) this.decisions.delete(target.key);
      });
      attempt = created;
    }
    return attempt.join(signal, () => new ConnectCancelledError());
  }

  private async runProbe(target: Target, abandoned: ConnectSignal): Promise<Decision> {
    this.probeCount++;
    const outcome: ProbeOutcome = await probeCertificateRequest({
      host: target.host, port: target.port, servername: target.servername, ca: this.trusted, secureContext: this.contexts.get(null)!,
      signal: abandoned,
    });
    const identity = this.select(this.platform, this.identities, outcome.result);
    if (outcome.socket) {
      // The probe sent no certificate: reusable only when none is wanted.
      if (identity === null && !this.retiredFlag) this.probeSockets.set(target.key, { socket: outcome.socket, session: outcome.session });
      else outcome.socket.destroy();
    }
    return { probe: outcome.result, identity };
  }

  private connectTls(target: Target, identity: ClientIdentity | null, signal: ConnectSignal | undefined): Promise<TLSSocket> {
    const sessionKey = TlsSessionCache.key(target.key, this.identityKey(identity));
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new ConnectCancelledError());
      const socket = tlsConnect({
        host: target.host,
        port: target.port,
        servername: target.servername,
        secureContext: this.contexts.get(identity) ?? this.contextFor(identity!),
        rejectUnauthorized: true, // with checkServerIdentity's default: host names are checked
        session: this.sessions.get(sessionKey),
      });
      socket.setNoDelay(true); // as https.Agent does: no Nagle delay on small request writes
      this.watchSessions(socket, target, identity);
      const settle = (error?: unknown): void => {
        socket.off('secureConnect', onSecure).off('error', settle).off('close', onClose);
        detach();
        if (error === undefined) return resolve(socket);
        socket.destroy();
        // A session the server refused to resume is not worth retrying with (a cancel says nothing of it).
        if (!(error instanceof ConnectCancelledError)) this.sessions.delete(sessionKey);
        reject(toTlsTransportError(error));
      };
      const detach = onAbort(signal, () => settle(new ConnectCancelledError()));
      const onSecure = (): void => settle();
      const onClose = (): void => settle(new ConnectFailedError('the connection closed during the TLS handshake'));
      socket.once('secureConnect', onSecure).once('error', settle).once('close', onClose);
    });
  }

  private watchSessions(socket: TLSSocket, target: Target, identity: ClientIdentity | null): void {
    const key = TlsSessionCache.key(target.key, this.identityKey(identity));
    socket.on('session', (session: Buffer) => {
      if (!this.retiredFlag) this.sessions.set(key, session);
    });
  }

  /** An identity object not among this agent's (a caller's copy): built once, then kept. */
  private contextFor(identity: ClientIdentity): SecureContext {
    const context = createSecureContext({ ca: this.trusted, key: identity.keyPem, cert: identity.chainPem });
    this.contexts.set(identity, context);
    return context;
  }

  private identityKey(identity: ClientIdentity | null): string {
    return identity ? this.identityKeys.get(identity) ?? 'unknown' : NO_IDENTITY;
  }
}

function targetOf(options: { host?: string | null; hostname?: string | null; port?: number | string | null; servername?: string }): Target {
  const host = options.host ?? options.hostname ?? 'localhost';
  const port = Number(options.port ?? 443);
  const servername = options.servername ?? (isIP(host) === 0 ? host : undefined);
  const sni = servername && isIP(servername) === 0 ? servername : undefined;
  return { host, port, servername: sni, key: `${host}:${port}/${sni ?? ''}` };
}

/**
 * TLS 1.3 servers reject a missing or unwanted certificate after the client's handshake has
 * completed, so the alert reaches the request: give it the same typed error as a handshake
 * failure (other socket errors, e.g. ECONNRESET, pass unchanged).
 */
function typeTlsAlerts(socket: TLSSocket): void {
  const emit = socket.emit;
  // Runs on every socket event: no rest parameters, no spread (an array per 'data' chunk).
  socket.emit = function (this: TLSSocket, event: string | symbol, error?: unknown): boolean {
    if (event === 'error') {
      const code = (error as { code?: unknown } | undefined)?.code;
      if (typeof code === 'string' && code.startsWith('ERR_SSL_')) {
        const args: unknown[] = Array.prototype.slice.call(arguments);
        args[1] = toTlsTransportError(error);
        return emit.apply(this, args as Parameters<typeof emit>);
      }
    }
    return emit.apply(this, arguments as unknown as Parameters<typeof emit>);
  } as typeof socket.emit;
}

/**
 * Connects once without a client certificate and reads, from the raw bytes the server sent,
 * whether it asked for a certificate and with which constraints (platform-facts §5: Node
 * has no hook to choose a certificate after seeing the CertificateRequest).
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type SecureContext, type TLSSocket } from 'node:tls';
import type { ProbeResult } from './certificate-request.js';
import { onAbort, type ConnectSignal } from './connect-signal.js';
import { ConnectCancelledError, ConnectFailedError, HandshakeFailedError, HostnameMismatchError, ServerUntrustedError,
  toTlsTransportError } from './errors.js';
import { ServerHandshakeObserver } from './server-handshake-observer.js';
import { TappedStream } from './tapped-stream.js';

export interface ProbeTarget {
  readonly host: string;
  readonly port: number;
  /** SNI and the name checked against the server certificate; defaults to `host`. */
  readonly servername?: string;
  /** PEM certificates the runtime trusts for servers. */
  readonly ca: readonly string[];
  /** A context built from `ca` once, reused (parsing the CA on every probe is the costly part). */
  readonly secureContext?: SecureContext;
  /** Gives up after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** Gives up when this fires (ConnectCancelledError), closing the connection. */
  readonly signal?: ConnectSignal;
}

export interface ProbeOutcome {
  readonly result: ProbeResult;
  /**
   * The probe connection, still open, when its handshake completed (no certificate was sent
   * on it). The caller either reuses it, for requests that need no certificate, or destroys it.
   */
  readonly socket: TLSSocket | null;
  /** The last TLS session the probe connection received, for the caller's session cache. */
  readonly session: () => Buffer | undefined;
}

export class CertificateRequestProbe {
  constructor(private readonly target: ProbeTarget) {}

  async run(): Promise<ProbeOutcome> {
    const raw = await this.connectTcp();
    const observer = new ServerHandshakeObserver();
    const tapped = new TappedStream(raw, (chunk) => observer.push(chunk));
    const { servername } = this.target;
    const sni = servername && isIP(servername) === 0 ? servername : undefined;
    const socket = tlsConnect({
      socket: tapped,
      host: this.target.host,
      servername: sni,
      ...(this.target.secureContext ? { secureContext: this.target.secureContext } : { ca: [...this.target.ca] }),
      rejectUnauthorized: true,
    });
    socket.on('keylog', (line: Buffer) => observer.addKeyLogLine(line));
    // Over a JS stream, ref/unref stop at the TLS wrapper; pooled idle sockets must not hold the process.
    socket.ref = () => { raw.ref(); return socket; };
    socket.unref = () => { raw.unref(); return socket; };
    let session: Buffer | undefined;
    socket.on('session', (value: Buffer) => { session = value; });
    try {
      await this.handshake(socket, raw);
    } catch (error) {
      socket.destroy();
      const typed = toTlsTransportError(error);
      if (typed instanceof ConnectCancelledError) throw typed;
      if (typed instanceof ServerUntrustedError || typed instanceof HostnameMismatchError) throw typed;
      // A server that insists on a certificate may abort the TLS 1.2 handshake after asking for it.
      const seen = safeResult(observer);
      if (seen?.requested) return { result: seen, socket: null, session: () => undefined };
      throw typed;
    } finally {
      tapped.stopTapping();
    }
    let result: ProbeResult;
    try {
      result = observer.result(true);
    } catch (error) {
      socket.destroy();
      throw error;
    }
    return { result, socket, session: () => session };
  }

  private connectTcp(): Promise<Socket> {
    const { host, port } = this.target;
    return new Promise((resolve, reject) => {
      if (this.target.signal?.aborted) return reject(new ConnectCancelledError());
      const raw = netConnect({ host, port });
      const giveUp = (error: Error): void => {
        stop();
        raw.destroy();
        reject(error);
      };
      const timer = setTimeout(() => giveUp(new ConnectFailedError(`no TCP connection to ${host}:${port} within the time limit`)),
        this.target.timeoutMs ?? 30_000);
      const detach = onAbort(this.target.signal, () => giveUp(new ConnectCancelledError()));
      const stop = (): void => {
        clearTimeout(timer);
        detach();
      };
      raw.once('connect', () => {
        stop();
        raw.setNoDelay(true); // the probe connection may carry requests later (see ProbeOutcome)
        raw.removeAllListeners('error');
        resolve(raw);
      });
      raw.once('error', (error) => {
        stop();
        reject(new ConnectFailedError(`could not connect to ${host}:${port}: ${error.message}`, { cause: error }));
      });
    });
  }

  private handshake(socket: TLSSocket, raw: Socket): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new HandshakeFailedError('the TLS handshake timed out')),
        this.target.timeoutMs ?? 30_000);
      const detach = onAbort(this.target.signal, () => fail(new ConnectCancelledError()));
      const done = (): void => {
        clearTimeout(timer);
        detach();
        socket.off('secureConnect', onSecure).off('error', fail).off('close', onClose);
        raw.off('error', fail);
      };
      const onSecure = (): void => { done(); resolve(); };
      const fail = (error: unknown): void => { done(); reject(error); };
      const onClose = (): void => fail(new ConnectFailedError('the connection closed during the TLS handshake'));
      socket.once('secureConnect', onSecure).once('error', fail).once('close', onClose);
      raw.once('error', fail);
      if (this.target.signal?.aborted) fail(new ConnectCancelledError()); // fired while TCP connected
    });
  }
}

function safeResult(observer: ServerHandshakeObserver): ProbeResult | undefined {
  try {
    return observer.result(false);
  } catch {
    return undefined;
  }
}

/** Probes `target` once; see CertificateRequestProbe. */
export function probeCertificateRequest(target: ProbeTarget): Promise<ProbeOutcome> {
  return new CertificateRequestProbe(target).run();
}

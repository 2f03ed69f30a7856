/**
 * The one transport under both request APIs: node:https with the CredentialStore's current
 * agent (node:http for plain URLs), redirects, an overall timeout, abort, and errors mapped
 * to TransportError codes. The agent is taken synchronously when a hop starts, so a request
 * started after a load uses the new identity.
 */
import http, { type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https, { type Agent, type RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { CredentialStore, Lease } from '../credentials/credential-store.js';
import type { ConnectSignalOption } from '../tls/connect-signal.js';
import { TransportError, isHangUp, toTransportError } from './transport-errors.js';

/** The redirects both APIs follow (platform facts §1); 308 and others are returned as they are. */
const REDIRECTS = new Set([301, 302, 303, 307]);
const MAX_REDIRECTS = 20;

/**
 * What the transport needs of an AbortSignal (which satisfies it): HttpRequest passes a
 * lighter one, since an AbortController per request is a measurable share of a kept-alive one.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A body with the content type to send when the caller set none. */
export interface PreparedBody {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

export interface TransportRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** May be a promise (FormData encodes asynchronously); the agent is still taken at once. */
  body?: PreparedBody | null | Promise<PreparedBody | null>;
  /** Whole request, redirects included; 0 = none. */
  timeoutMs: number;
  signal?: AbortSignalLike;
}

export interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

export interface TransportResponse extends ResponseHead {
  readonly body: Buffer;
}

export interface TransportHooks {
  /** The final (non-redirect) response's head arrived. */
  onHead?(head: ResponseHead): void;
  /** A chunk of the final response body arrived. */
  onData?(chunk: Buffer): void;
}

/**
 * Fires when a hop gives up (timeout, abort, shutdown); handed to the agent as the request's
 * `connectSignal`, so a pending connect or probe wait ends with the request. One small object
 * per hop: an EventTarget per kept-alive request is a measurable cost.
 */
class HopSignal implements AbortSignalLike {
  aborted = false;
  private listeners: (() => void)[] | null = null;
  addEventListener(_type: 'abort', listener: () => void): void {
    (this.listeners ??= []).push(listener);
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index >= 0) this.listeners!.splice(index, 1);
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners ?? [];
    this.listeners = null;
    for (const listener of listeners) listener();
  }
}

export class Transport {
  /** How to end each hop in flight. */
  private readonly active = new Set<(error: TransportError) => void>();

  constructor(private readonly store: CredentialStore) {}

  async send(request: TransportRequest, hooks: TransportHooks = {}): Promise<TransportResponse> {
    try {
      // run() takes the agent synchronously, before its first await.
      return await this.run(request, hooks);
    } catch (error) {
      throw toTransportError(error);
    }
  }

  private async run(request: TransportRequest, hooks: TransportHooks): Promise<TransportResponse> {
    const deadline = request.timeoutMs > 0 ? Date.now() + request.timeoutMs : 0;
    let { method } = request;
    let url = new URL(request.url); // parsed once per hop: the lease and the request options read it
    // Before any await: a request started before a load keeps the identity it started with.
    let lease: Lease | null | undefined = this.leaseFor(url);
    let body: PreparedBody | null;
    try {
      body = (await request.body) ?? null;
    } catch (error) {
      lease?.release();
      throw error;
    }
    for (let hop = 0; ; hop++) {
      const response = await this.hop({ ...request, url, method, body }, lease, deadline, hooks);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location || hop >= MAX_REDIRECTS) return response;
      url = new URL(location, url);
      lease = undefined; // a redirect hop is a new request: it takes the identity in force now
      // As browsers do: 303 always, and 301/302 after POST, become GET without a body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = null;
      }
    }
  }

  /** Ends every request in flight (runtime shutdown). */
  abortAll(): void {
    for (const stop of [...this.active]) stop(new TransportError('shutdown', 'the runtime was shut down'));
  }

  private hop(request: HopRequest, taken: Lease | null | undefined, deadline: number, hooks: TransportHooks): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
      let req: ClientRequest;
      let lease: Lease | null = null;
      const connectSignal = new HopSignal();
      try {
        if (this.store.isShutDown) throw new TransportError('shutdown', 'the runtime was shut down');
        lease = taken === undefined ? this.leaseFor(request.url, true) : taken;
        req = this.open(request, lease ? lease.generation.agent : false, connectSignal);
        // The agent admitted the request (addRequest is synchronous), and a retired agent still
        // completes admitted requests: the lease has done its job (docs/decisions.md D3).
        lease?.release();
      } catch (error) {
        lease?.release();
        reject(toTransportError(error));
        return;
      }
      let freshTls = false;
      let responded = false;
      req.on('socket', (socket) => {
        // The agent hands over sockets whose handshake is complete; a reused one may just have idled out.
        freshTls = socket instanceof TLSSocket && !req.reusedSocket;
      });
      const fail = (error: unknown) => {
        cleanup();
        const dropped = freshTls && !responded && !(error instanceof TransportError) && isHangUp(error);
        reject(dropped
          ? new TransportError('closed-after-handshake', 'the server closed the connection after the TLS handshake, before answering (client certificate refused?)', { cause: error })
          : toTransportError(error));
      };
      // Node reports req.destroy() only once the agent has handed over a socket, which a
      // connect or probe to a silent server never does: end the agent's work through the
      // signal and settle here, so the deadline bounds connect, probe and handshake too.
      const stop = (error: TransportError): void => {
        connectSignal.abort();
        req.destroy(error);
        fail(error);
      };
      const remaining = deadline ? deadline - Date.now() : 0;
      const timer = deadline
        ? setTimeout(() => stop(new TransportError('timeout', 'the request timed out')), Math.max(remaining, 0))
        : undefined;
      const onAbort = () => stop(new TransportError('aborted', 'the request was aborted'));
      const cleanup = () => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        this.active.delete(stop);
      };
      this.active.add(stop);
      req.on('error', fail);
      if (request.signal?.aborted) onAbort();
      request.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('response', (res: IncomingMessage) => {
        responded = true;
        const head: ResponseHead = {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          url: request.url.href,
        };
        const redirect = REDIRECTS.has(head.status) && typeof res.headers.location === 'string';
        if (!redirect) hooks.onHead?.(head);
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (!redirect) hooks.onData?.(chunk);
        });
        res.on('error', fail);
        res.on('aborted', () => fail(new TransportError('connect', 'the response was cut short')));
        res.on('end', () => {
          cleanup();
          const { status, statusText, headers, url } = head;
          resolve({ status, statusText, headers, url, body: Buffer.concat(chunks) });
        });
      });
      const bodyless = !request.body || request.method === 'GET' || request.method === 'HEAD';
      req.end(bodyless ? undefined : request.body!.bytes);
    });
  }

  /**
   * A hold on the credential generation for https; plain http has none (and no pooling).
   * `redirected`: the hop follows a redirect (it takes the identity in force now, like any new
   * request); protected so a deliberately broken runtime can differ there.
   */
  protected leaseFor(url: URL, _redirected = false): Lease | null {
    if (url.protocol === 'https:') return this.store.acquire();
    if (this.store.isShutDown) throw new TransportError('shutdown', 'the runtime was shut down');
    return null;
  }

  private open(request: HopRequest, agent: Agent | false, connectSignal: AbortSignalLike): ClientRequest {
    const { url, body, method } = request;
    const sendsBody = body !== null && method !== 'GET' && method !== 'HEAD';
    const headers = sendsBody && !hasHeader(request.headers, 'content-type')
      ? { ...request.headers, 'Content-Type': body.contentType }
      : request.headers;
    // The options https.request would derive from the URL, written out in one object literal:
    // spreading optional parts into it cost a few microseconds, a measurable share of a kept-alive request.
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const options: RequestOptions & ConnectSignalOption = {
      method,
      headers,
      protocol: url.protocol,
      hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname + url.search,
      auth: url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
      // Our agent for https (plain http is never pooled), and the options only it reads:
      // servername (else it works it out from the Host header on every request) and connectSignal.
      agent: url.protocol === 'https:' ? agent : false,
      servername: isIP(hostname) === 0 ? hostname : '',
      connectSignal,
    };
    return url.protocol === 'https:' ? https.request(options) : http.request(options);
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

type HopRequest = Omit<TransportRequest, 'url' | 'body'> & { url: URL; body: PreparedBody | null };

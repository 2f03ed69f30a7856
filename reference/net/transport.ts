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

/**
 * One hop from the moment its request is sent until its response has ended: the deadline, the
 * caller's abort, and the ways it ends. An object with methods rather than closures made per
 * request: code run through tsx (as the package is) gets every named closure renamed when it is
 * created (esbuild's keepNames `__name`), which made up a measurable share of a kept-alive
 * request (docs/benchmarks.md, section 1).
 */
class HopInFlight {
  private freshTls = false;
  private responded = false;
  private timer: NodeJS.Timeout | undefined;
  /** The caller's abort listener: one function, so that cleanup() can remove it. */
  private readonly onAbort: () => void;

  constructor(
    private readonly req: ClientRequest,
    private readonly request: HopRequest,
    private readonly connectSignal: HopSignal,
    private readonly hooks: TransportHooks,
    private readonly settle: { resolve(response: TransportResponse): void; reject(error: TransportError): void },
    private readonly active: Set<HopInFlight>,
  ) {
    this.onAbort = () => this.stop(new TransportError('aborted', 'the request was aborted'));
  }

  start(deadline: number): void {
    const { req, request } = this;
    req.on('socket', (socket) => {
      // The agent hands over sockets whose handshake is complete; a reused one may just have idled out.
      this.freshTls = socket instanceof TLSSocket && !req.reusedSocket;
    });
    if (deadline) {
      this.timer = setTimeout(() => this.stop(new TransportError('timeout', 'the request timed out')), Math.max(deadline - Date.now(), 0));
    }
    this.active.add(this);
    req.on('error', (error) => this.fail(error));
    if (request.signal?.aborted) this.onAbort();
    request.signal?.addEventListener('abort', this.onAbort, { once: true });
    req.on('response', (res) => this.receive(res));
    const bodyless = !request.body || request.method === 'GET' || request.method === 'HEAD';
    req.end(bodyless ? undefined : request.body!.bytes);
  }

  /**
   * Ends the hop from outside (deadline, abort, shutdown). Node reports req.destroy() only once
   * the agent has handed over a socket, which a connect or probe to a silent server never does:
   * end the agent's work through the signal and settle here, so the deadline bounds connect,
   * probe and handshake too.
   */
  stop(error: TransportError): void {
    this.connectSignal.abort();
    this.req.destroy(error);
    this.fail(error);
  }

  private receive(res: IncomingMessage): void {
    this.responded = true;
    const head: ResponseHead = {
      status: res.statusCode ?? 0,
      statusText: res.statusMessage ?? '',
      headers: res.headers,
      url: this.request.url.href,
    };
    const redirect = REDIRECTS.has(head.status) && typeof res.headers.location === 'string';
    if (!redirect) this.hooks.onHead?.(head);
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (!redirect) this.hooks.onData?.(chunk);
    });
    res.on('error', (error) => this.fail(error));
    res.on('aborted', () => this.fail(new TransportError('connect', 'the response was cut short')));
    res.on('end', () => {
      this.cleanup();
      const { status, statusText, headers, url } = head;
      this.settle.resolve({ status, statusText, headers, url, body: Buffer.concat(chunks) });
    });
  }

  private fail(error: unknown): void {
    this.cleanup();
    const dropped = this.freshTls && !this.responded && !(error instanceof TransportError) && isHangUp(error);
    this.settle.reject(dropped
      ? new TransportError('closed-after-handshake', 'the server closed the connection after the TLS handshake, before answering (client certificate refused?)', { cause: error })
      : toTransportError(error));
  }

  private cleanup(): void {
    clearTimeout(this.timer);
    this.request.signal?.removeEventListener('abort', this.onAbort);
    this.active.delete(this);
  }
}

export class Transport {
  /** The hops in flight, for abortAll(). */
  private readonly active = new Set<HopInFlight>();

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
    for (const hop of [...this.active]) hop.stop(new TransportError('shutdown', 'the runtime was shut down'));
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
      new HopInFlight(req, request, connectSignal, hooks, { resolve, reject }, this.active).start(deadline);
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

/**
 * voltmx.net.HttpRequest over the shared transport, following platform-facts §1 and the
 * XMLHttpRequest state machine. Decisions (methods, sync mode, LOADING, statusText on failure)
 * are in docs/decisions.md.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpRequestConstructor, HttpRequestLike, ReadyState } from '../../runtime/contract.js';
import { InvalidParameterTypeError, expectArgumentCount } from '../../runtime/voltmx-error.js';
import type { ResponseHead, Transport } from '../transport.js';
import { TransportError } from '../transport-errors.js';
import { HttpRequestSyntaxError, InvalidStateError, SynchronousRequestError } from './errors.js';
import { encodeBody, isSendable } from './request-body.js';
import { allHeaders, headerValue } from './response-headers.js';
import { RESPONSE_TYPES, type ResponseType, typedResponse } from './response-body.js';

const METHODS = new Set(['GET', 'POST', 'HEAD', 'PUT', 'DELETE']);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const UNSENT = 0, OPENED = 1, HEADERS_RECEIVED = 2, LOADING = 3, DONE = 4;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The transport's AbortSignalLike without an EventTarget (costly per request): one listener at most. */
class AbortSwitch {
  aborted = false;
  private listener: (() => void) | null = null;
  addEventListener(_type: 'abort', listener: () => void): void {
    this.listener = listener;
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.listener === listener) this.listener = null;
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listener = this.listener;
    this.listener = null;
    listener?.();
  }
}

export function createHttpRequestClass(transport: Transport): HttpRequestConstructor {
  class HttpRequest implements HttpRequestLike {
    static readonly UNSENT = 0 as const;
    static readonly OPENED = 1 as const;
    static readonly HEADERS_RECEIVED = 2 as const;
    static readonly LOADING = 3 as const;
    static readonly DONE = 4 as const;

    private state: ReadyState = UNSENT;
    private sending = false;
    /** Bumped by open/abort so callbacks of an abandoned request are ignored. */
    private ticket = 0;
    private controller: AbortSwitch | null = null;
    private method = 'GET';
    private url = '';
    private requestHeaders = new Map<string, { name: string; values: string[] }>();
    private responseHeaders: IncomingHttpHeaders | null = null;
    private statusCode = 0;
    private statusMessage = '';
    private body: unknown = null;
    private type: ResponseType = '';
    private timeoutMs = 0;
    private handler: (() => void) | null = null;

    constructor(...args: unknown[]) {
      expectArgumentCount('HttpRequest', args.length, 0, 1);
      const options = args[0];
      if (options !== undefined && (options === null || typeof options !== 'object')) {
        throw new InvalidParameterTypeError('HttpRequest options must be an object');
      }
    }

    get readyState(): ReadyState { return this.state; }
    get status(): number { return this.statusCode; }
    get statusText(): string { return this.statusMessage; }
    get response(): unknown { return this.body; }

    get responseType(): string { return this.type; }
    set responseType(value: string) {
      if (typeof value !== 'string' || !(RESPONSE_TYPES as readonly string[]).includes(value)) {
        throw new InvalidParameterTypeError(`responseType must be one of ${RESPONSE_TYPES.map((t) => `"${t}"`).join(', ')}`);
      }
      if (this.state === LOADING || this.state === DONE) throw new InvalidStateError('responseType is fixed once loading starts');
      this.type = value as ResponseType;
    }

    get timeout(): number { return this.timeoutMs; }
    set timeout(value: number) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new InvalidParameterTypeError('timeout must be a number of milliseconds >= 0');
      }
      this.timeoutMs = value;
    }

    get onReadyStateChange(): (() => void) | null { return this.handler; }
    set onReadyStateChange(value: (() => void) | null) {
      if (value !== null && value !== undefined && typeof value !== 'function') {
        throw new InvalidParameterTypeError('onReadyStateChange must be a function or null');
      }
      this.handler = value ?? null;
    }

    open(...args: unknown[]): void {
      expectArgumentCount('open', args.length, 2, 5);
      const [method, url, async, user, password] = args;
      if (typeof method !== 'string' || typeof url !== 'string') throw new InvalidParameterTypeError('open(method, url) takes strings');
      if (async !== undefined && typeof async !== 'boolean') throw new InvalidParameterTypeError('async must be a boolean');
      for (const value of [user, password]) {
        if (value !== undefined && value !== null && typeof value !== 'string') throw new InvalidParameterTypeError('user and password must be strings');
      }
      const upper = method.toUpperCase();
      if (!METHODS.has(upper)) throw new HttpRequestSyntaxError(`unsupported method "${method}"`);
      const parsed = parseUrl(url);
      if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
        throw new HttpRequestSyntaxError(`not an absolute http(s) URL: "${url}"`);
      }
      if (async === false) throw new SynchronousRequestError();
      this.abandon();
      this.method = upper;
      this.url = parsed.toString();
      this.requestHeaders = new Map();
      if (typeof user === 'string') {
        const token = Buffer.from(`${user}:${typeof password === 'string' ? password : ''}`).toString('base64');
        this.requestHeaders.set('authorization', { name: 'Authorization', values: [`Basic ${token}`] });
      }
      this.resetResponse();
      this.change(OPENED);
    }

    setRequestHeader(...args: unknown[]): void {
      expectArgumentCount('setRequestHeader', args.length, 2);
      const [name, value] = args;
      if (typeof name !== 'string' || typeof value !== 'string') throw new InvalidParameterTypeError('header name and value must be strings');
      if (this.state !== OPENED || this.sending) throw new InvalidStateError('setRequestHeader is allowed only after open() and before send()');
      if (!TOKEN.test(name)) throw new HttpRequestSyntaxError(`invalid header name "${name}"`);
      if (/[\r\n\0]/.test(value)) throw new HttpRequestSyntaxError('header values must not contain CR, LF or NUL');
      const key = name.toLowerCase();
      const entry = this.requestHeaders.get(key);
      if (entry) entry.values.push(value.trim());
      else this.requestHeaders.set(key, { name, values: [value.trim()] });
    }

    send(...args: unknown[]): void {
      expectArgumentCount('send', args.length, 0, 1);
      const data = args[0];
      if (!isSendable(data)) throw new InvalidParameterTypeError('send() takes FormData, RawBytes, a JSON object or a string');
      if (this.state !== OPENED || this.sending) throw new InvalidStateError('send() is allowed once, after open()');
      this.sending = true;
      const ticket = ++this.ticket;
      const controller = new AbortSwitch();
      this.controller = controller;
      const headers: Record<string, string> = {};
      for (const { name, values } of this.requestHeaders.values()) headers[name] = values.join(', ');
      const bodyless = this.method === 'GET' || this.method === 'HEAD';
      // transport.send takes the credential agent synchronously, here. The hooks are bound
      // methods, not closures: see HopInFlight in transport.ts (tsx names every closure).
      transport.send({
        url: this.url,
        method: this.method,
        headers,
        body: bodyless ? null : encodeBody(data),
        timeoutMs: this.timeoutMs,
        signal: controller,
      }, {
        onHead: this.headReceived.bind(this, ticket),
        onData: this.dataReceived.bind(this, ticket),
      }).then((response) => {
        if (ticket !== this.ticket) return;
        this.body = typedResponse(response.body, this.type, headerValue(response.headers, 'content-type') ?? undefined);
        this.finish();
      }, (error: unknown) => {
        if (ticket !== this.ticket) return;
        this.resetResponse();
        this.statusMessage = error instanceof TransportError ? error.code : 'NET_REQUEST_FAILED';
        this.finish();
      });
    }

    abort(...args: unknown[]): void {
      expectArgumentCount('abort', args.length, 0);
      if (this.sending) {
        this.abandon();
        this.resetResponse();
        this.statusMessage = 'NET_ABORTED';
        this.change(DONE);
        this.state = UNSENT; // as XMLHttpRequest: DONE is announced, then the object is reset quietly
      } else if (this.state === DONE) {
        this.state = UNSENT;
      }
    }

    getAllResponseHeaders(...args: unknown[]): string {
      expectArgumentCount('getAllResponseHeaders', args.length, 0);
      return this.responseHeaders ? allHeaders(this.responseHeaders) : '';
    }

    getResponseHeader(...args: unknown[]): string | null {
      expectArgumentCount('getResponseHeader', args.length, 1);
      if (typeof args[0] !== 'string') throw new InvalidParameterTypeError('header name must be a string');
      return this.responseHeaders ? headerValue(this.responseHeaders, args[0]) : null;
    }

    /** `ticket`: the send() it belongs to; a request opened or aborted since ignores it. */
    private headReceived(ticket: number, head: ResponseHead): void {
      if (ticket !== this.ticket) return;
      this.statusCode = head.status;
      this.statusMessage = head.statusText;
      this.responseHeaders = head.headers;
      this.change(HEADERS_RECEIVED);
    }

    private dataReceived(ticket: number): void {
      if (ticket === this.ticket && this.state === HEADERS_RECEIVED) this.change(LOADING);
    }

    private finish(): void {
      this.sending = false;
      this.controller = null;
      this.change(DONE);
    }

    /** Stops a request in flight without announcing anything (open() over a pending send). */
    private abandon(): void {
      this.ticket++;
      this.controller?.abort();
      this.controller = null;
      this.sending = false;
    }

    private resetResponse(): void {
      this.statusCode = 0;
      this.statusMessage = '';
      this.responseHeaders = null;
      this.body = null;
    }

    private change(state: ReadyState): void {
      this.state = state;
      const handler = this.handler;
      if (!handler) return;
      try {
        handler.call(this);
      } catch (error) {
        // App code failing in its callback must not break the request machinery.
        process.emitWarning(`onReadyStateChange threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return HttpRequest as unknown as HttpRequestConstructor;
}

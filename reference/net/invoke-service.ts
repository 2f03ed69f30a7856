/**
 * voltmx.net.invokeServiceAsync and voltmx.net.cancel over the shared transport
 * (platform facts §1). Params go form-encoded in a POST body, or in the query for GET.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ConnectionHandle, InvokeServiceCallback, InvokeServiceResult } from '../runtime/contract.js';
import type { Transport, TransportResponse } from './transport.js';
import { TransportError, type TransportErrorKind } from './transport-errors.js';

/** errcode / opstatus values of a failed call. */
export const InvokeErrorCode = {
  unknown: 1000,
  noConnectivity: 1011,
  requestFailed: 1012,
  invalidJson: 1013,
  timeout: 1014,
  hostNotFound: 1015,
  cannotConnect: 1016,
  ssl: 1200,
} as const;

const BY_KIND: Record<TransportErrorKind, number> = {
  tls: InvokeErrorCode.ssl,
  'closed-after-handshake': InvokeErrorCode.ssl,
  certificate: InvokeErrorCode.ssl,
  dns: InvokeErrorCode.hostNotFound,
  connect: InvokeErrorCode.cannotConnect,
  timeout: InvokeErrorCode.timeout,
  offline: InvokeErrorCode.noConnectivity,
  protocol: InvokeErrorCode.requestFailed,
  aborted: InvokeErrorCode.unknown,
  shutdown: InvokeErrorCode.unknown,
};

interface ParsedInput {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  params: URLSearchParams;
  timeoutMs: number;
}

export class InvokeService {
  private nextId = 1;
  private readonly pending = new Map<number, { controller: AbortController; finish: (status: 300) => void }>();

  constructor(private readonly transport: Transport) {}

  invoke(args: readonly unknown[]): ConnectionHandle | null {
    if (args.length < 3 || args.length > 4) return null;
    const [url, table, callback, info] = args;
    if (typeof callback !== 'function') return null;
    const input = parseInput(url, table);
    if (!input) return null;
    const handle: ConnectionHandle = Object.freeze({ id: this.nextId++ });
    const controller = new AbortController();
    let done = false;
    const report = (status: 100 | 200 | 300 | 400, result: InvokeServiceResult | null) => {
      if (done) return;
      if (status === 300 || status === 400) {
        done = true;
        this.pending.delete(handle.id);
      }
      try {
        (callback as InvokeServiceCallback)(status, result, info);
      } catch (error) {
        process.emitWarning(`invokeServiceAsync callback threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    this.pending.set(handle.id, { controller, finish: () => report(300, null) });
    const target = input.method === 'GET' ? withQuery(input.url, input.params) : input.url;
    const body = input.method === 'POST'
      ? { bytes: Buffer.from(input.params.toString()), contentType: 'application/x-www-form-urlencoded' }
      : null;
    // send() takes the credential agent now, before this function returns.
    const sent = this.transport.send(
      { url: target, method: input.method, headers: input.headers, body, timeoutMs: input.timeoutMs, signal: controller.signal },
      { onHead: () => report(200, null) },
    );
    queueMicrotask(() => report(100, null));
    sent.then(
      (response) => setImmediate(() => report(400, resultOf(response))),
      (error: unknown) => setImmediate(() => report(400, failure(error))),
    );
    return handle;
  }

  cancel(args: readonly unknown[]): boolean {
    const handle = args[0] as { id?: unknown } | null | undefined;
    if (args.length !== 1 || !handle || typeof handle !== 'object' || typeof handle.id !== 'number') return false;
    const entry = this.pending.get(handle.id);
    if (!entry) return false;
    entry.finish(300);
    entry.controller.abort();
    return true;
  }
}

function parseInput(url: unknown, table: unknown): ParsedInput | null {
  if (typeof url !== 'string' || !URL.canParse(url)) return null;
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') return null;
  if (table === null || typeof table !== 'object' || Array.isArray(table)) return null;
  const { httpheaders, httpconfig, ...rest } = table as Record<string, unknown>;
  const headers: Record<string, string> = {};
  if (httpheaders !== undefined) {
    if (httpheaders === null || typeof httpheaders !== 'object') return null;
    for (const [name, value] of Object.entries(httpheaders)) {
      if (typeof value !== 'string') return null;
      headers[name] = value;
    }
  }
  let method: 'GET' | 'POST' = 'POST';
  let timeoutMs = 0;
  if (httpconfig !== undefined) {
    if (httpconfig === null || typeof httpconfig !== 'object') return null;
    const config = httpconfig as { method?: unknown; timeout?: unknown };
    if (config.method !== undefined) {
      if (typeof config.method !== 'string') return null;
      const upper = config.method.toUpperCase();
      if (upper !== 'GET' && upper !== 'POST') return null;
      method = upper;
    }
    if (config.timeout !== undefined) {
      if (typeof config.timeout !== 'number' || !Number.isFinite(config.timeout) || config.timeout < 0) return null;
      timeoutMs = config.timeout * 1000;
    }
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    params.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  }
  return { url, method, headers, params, timeoutMs };
}

function withQuery(url: string, params: URLSearchParams): string {
  const target = new URL(url);
  for (const [key, value] of params) target.searchParams.append(key, value);
  return target.toString();
}

function httpresponse(response: TransportResponse): NonNullable<InvokeServiceResult['httpresponse']> {
  return { headers: flatHeaders(response.headers), responsecode: response.status, url: response.url };
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function resultOf(response: TransportResponse): InvokeServiceResult {
  if (response.status < 200 || response.status > 299) {
    return errorResult(InvokeErrorCode.requestFailed, `request failed with HTTP status ${response.status}`, response);
  }
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    body = undefined;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return errorResult(InvokeErrorCode.invalidJson, 'the response is not a JSON object', response);
  }
  const fields = body as Record<string, unknown>;
  // A service may report its own opstatus in the body (Volt MX Foundry does); otherwise 0.
  const opstatus = typeof fields.opstatus === 'number' ? fields.opstatus : 0;
  return { ...fields, opstatus, httpresponse: httpresponse(response) };
}

function errorResult(code: number, message: string, response?: TransportResponse): InvokeServiceResult {
  const result: InvokeServiceResult = { opstatus: code, errcode: code, errmsg: message };
  if (response) result.httpresponse = httpresponse(response);
  return result;
}

function failure(error: unknown): InvokeServiceResult {
  const kind = error instanceof TransportError ? error.kind : undefined;
  const code = kind ? BY_KIND[kind] : InvokeErrorCode.unknown;
  const message = error instanceof Error ? error.message : 'the request failed';
  return errorResult(code, `${error instanceof TransportError ? error.code + ': ' : ''}${message}`);
}

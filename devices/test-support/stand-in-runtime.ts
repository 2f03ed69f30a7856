/**
 * STAND-IN RuntimeFactory for devices/ tests only, used until reference/index.ts exists.
 * It is NOT the reference: it leans on node:tls's own PKCS#12 support and implements just
 * enough of the runtime contract for the driver's mechanics to be exercised end to end
 * (files, load/replace/remove, one request per send). Never use it as a judge.
 */
import { request as httpsRequest } from 'node:https';
import { createSecureContext } from 'node:tls';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ClientCertificateParams,
  ConnectionHandle,
  HttpRequestConstructor,
  HttpRequestLike,
  InvokeServiceCallback,
  LoadFailure,
  RawBytes,
  ReadyState,
  RuntimeOptions,
  VoltmxFile,
  VoltmxFileConstructor,
  VoltmxRuntime,
} from '../../reference/runtime/contract.js';

/** The stand-in's own RawBytes: a different implementation from the reference's, as a port's would be. */
class StandInRawBytes implements RawBytes {
  #bytes: Buffer;
  constructor(bytes: Buffer) { this.#bytes = Buffer.from(bytes); }
  get text(): string | null { const t = this.#bytes.toString('utf8'); return Buffer.from(t, 'utf8').equals(this.#bytes) ? t : null; }
  clear(): void { this.#bytes.fill(0); this.#bytes = Buffer.alloc(0); }
  static bytesOf(value: unknown): Buffer | null { return value instanceof StandInRawBytes ? Buffer.from(value.#bytes) : null; }
}

class StandInThrownError extends Error {
  constructor(readonly errorCode: 100 | 101, message: string) {
    super(message);
  }
}

interface Identity { pfx: Buffer; passphrase: string }

interface Exchange { status: number; statusText: string; headers: Record<string, string>; body: Buffer }

function exchange(url: string, method: string, headers: Record<string, string>, body: string | undefined, ca: string[], identity: Identity | null): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, headers, ca, agent: false, ...(identity ?? {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks),
      }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function createRuntime(options: RuntimeOptions): VoltmxRuntime {
  const ownDir = options.filesDir === undefined;
  const filesDir = options.filesDir ?? mkdtempSync(join(tmpdir(), 'stand-in-app-'));
  let identity: Identity | null = null;
  let failure: LoadFailure | null = null;
  let nextHandle = 1;
  const timers = new Map<string, NodeJS.Timeout>();

  const getIdentity = () => identity;

  class StandInHttpRequest implements HttpRequestLike {
    static readonly UNSENT = 0 as const;
    static readonly OPENED = 1 as const;
    static readonly HEADERS_RECEIVED = 2 as const;
    static readonly LOADING = 3 as const;
    static readonly DONE = 4 as const;
    readyState: ReadyState = 0;
    status = 0;
    statusText = '';
    response: unknown = null;
    responseType = 'text';
    timeout = 0;
    onReadyStateChange: (() => void) | null = null;
    #method = 'GET';
    #url = '';
    #headers: Record<string, string> = {};
    #responseHeaders: Record<string, string> = {};
    #set(state: ReadyState) { this.readyState = state; this.onReadyStateChange?.(); }
    open(method: string, url: string): void { this.#method = method.toUpperCase(); this.#url = url; this.#set(1); }
    setRequestHeader(name: string, value: string): void { this.#headers[name] = value; }
    send(data?: unknown): void {
      const body = this.#method === 'GET' || data === undefined ? undefined : String(data);
      exchange(this.#url, this.#method, this.#headers, body, options.trust.ca, getIdentity()).then((res) => {
        this.status = res.status;
        this.statusText = res.statusText;
        this.#responseHeaders = res.headers;
        this.response = this.responseType === 'rawdata' ? new StandInRawBytes(res.body) : res.body.toString('utf8');
        this.#set(4);
      }, (error: Error & { code?: string }) => {
        this.statusText = error.code ?? error.message;
        this.#set(4);
      });
    }
    abort(): void {}
    getAllResponseHeaders(): string { return Object.entries(this.#responseHeaders).map(([k, v]) => `${k}: ${v}`).join('\r\n'); }
    getResponseHeader(name: string): string | null { return this.#responseHeaders[name.toLowerCase()] ?? null; }
  }

  const file = (path: string): VoltmxFile => ({
    fullPath: path,
    name: path.split('/').pop() ?? '',
    exists: () => existsSync(path),
    read: () => (existsSync(path) ? new StandInRawBytes(readFileSync(path)) : null),
    write: (data: RawBytes | string) => { writeFileSync(path, typeof data === 'string' ? data : StandInRawBytes.bytesOf(data) ?? ''); return true; },
    remove: () => rmSync(path, { force: true }),
  });

  return {
    platform: options.platform,
    lastLoadFailure: () => failure,
    net: {
      loadClientCertificate(...args: unknown[]): boolean {
        if (args.length !== 1) throw new StandInThrownError(101, 'invalid number of arguments');
        const params = args[0] as ClientCertificateParams | null;
        if (!params || typeof params !== 'object' || typeof params.pass !== 'string'
          || !(typeof params.cert === 'string' || params.cert instanceof StandInRawBytes)) {
          throw new StandInThrownError(100, 'invalid type of parameters');
        }
        const pfx = typeof params.cert === 'string' ? Buffer.from(params.cert, 'base64') : StandInRawBytes.bytesOf(params.cert)!;
        try {
          createSecureContext({ pfx, passphrase: params.pass });
        } catch (error) {
          failure = { code: 'STAND_IN_LOAD_FAILED', message: (error as Error).message };
          return false;
        }
        identity = { pfx, passphrase: params.pass };
        failure = null;
        return true;
      },
      removeClientCertificate(): void { identity = null; },
      HttpRequest: StandInHttpRequest as unknown as HttpRequestConstructor,
      invokeServiceAsync(url: string, input: Record<string, unknown>, callback: InvokeServiceCallback): ConnectionHandle | null {
        if (typeof url !== 'string' || typeof callback !== 'function') return null;
        const { httpheaders, httpconfig, ...params } = input;
        const method = ((httpconfig as { method?: string } | undefined)?.method ?? 'post').toUpperCase();
        const query = new URLSearchParams(params as Record<string, string>).toString();
        const target = method === 'GET' && query ? `${url}?${query}` : url;
        const headers = { ...(httpheaders as Record<string, string> | undefined), ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
        callback(100, null);
        exchange(target, method, headers, method === 'POST' ? query : undefined, options.trust.ca, identity).then((res) => {
          let parsed: Record<string, unknown> = {};
          try { parsed = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>; } catch { /* not JSON */ }
          callback(400, { ...parsed, opstatus: 0, httpresponse: { headers: res.headers, responsecode: res.status, url } });
        }, (error: Error) => callback(400, { opstatus: 1012, errcode: 1012, errmsg: error.message }));
        return { id: nextHandle++ };
      },
      cancel: () => false,
    },
    convertToRawBytes: (base64: string) => new StandInRawBytes(Buffer.from(base64, 'base64')),
    convertToBase64: (raw: RawBytes) => {
      const bytes = StandInRawBytes.bytesOf(raw);
      if (!bytes) throw new StandInThrownError(100, 'invalid type of parameters');
      return bytes.toString('base64');
    },
    timer: {
      schedule: (id: string, callback: () => void, seconds: number, repeat: boolean) => {
        timers.get(id)?.close();
        timers.set(id, repeat ? setInterval(callback, seconds * 1000) : setTimeout(callback, seconds * 1000));
      },
      cancel: (id: string) => { timers.get(id)?.close(); timers.delete(id); },
    },
    os: { deviceInfo: () => ({ name: options.platform === 'android' ? 'android' : 'iPhone', version: options.osVersion ?? '0' }) },
    io: {
      File: function File(path: string) { return file(path); } as unknown as VoltmxFileConstructor,
      FileSystem: {
        getFile: file,
        getDataDirectoryPath: () => filesDir,
        getCacheDirectoryPath: () => { const dir = join(filesDir, 'cache'); mkdirSync(dir, { recursive: true }); return dir; },
      },
    },
    async shutdown(): Promise<void> {
      identity = null;
      for (const t of timers.values()) t.close();
      if (ownDir) rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export default createRuntime;

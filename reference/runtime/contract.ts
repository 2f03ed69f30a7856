/**
 * The runtime contract: what one "app launch" of a voltmx runtime offers to app code.
 *
 * This is public. The harness runs any module whose default export (or named export
 * `createRuntime`) is a RuntimeFactory, in place of the reference: a JS port can be
 * tested without an emulator, and deliberately broken implementations prove the specs
 * catch them. Keep it small and documented (docs/runtime-contract.md).
 */
export type Platform = 'android' | 'ios';

/**
 * voltmx RawBytes: an opaque platform object ("Userdata"), not a typed array. App code gets
 * one only from voltmx.convertToRawBytes, voltmx.io File#read and an HttpRequest with
 * responseType "rawdata"; it reads it back with voltmx.convertToBase64. Each runtime has its
 * own implementation; the reference keeps the bytes out of app code's reach.
 */
export interface RawBytes {
  /** The content as UTF-8 text; null when the content is not text (binary data). */
  readonly text: string | null;
  /** Wipes the content (documented for sensitive data). */
  clear(): void;
}

export interface RuntimeOptions {
  /** Which platform's semantics to follow (identity selection, removeClientCertificate). */
  platform: Platform;
  /** What the app trusts for server certificates (its network security config / ATS). */
  trust: { ca: string[] };
  /** The app sandbox that backs voltmx.io; a private temp folder when omitted. */
  filesDir?: string;
  /** What voltmx.os.deviceInfo().version reports ("14", "17.4"); the reference has a default per platform. */
  osVersion?: string;
}

export interface ClientCertificateParams {
  /** RawBytes or base64 text. What a runtime does with a typed array is its own decision (docs/decisions.md D1). */
  cert: RawBytes | string;
  pass: string;
}

/** Documented errors thrown by voltmx.net functions (100, 101). */
export interface VoltmxThrownError extends Error {
  /** 100: invalid type of parameters; 101: invalid number of arguments. */
  readonly errorCode: 100 | 101;
}

export type ReadyState = 0 | 1 | 2 | 3 | 4;

export interface HttpRequestLike {
  readonly readyState: ReadyState;
  readonly status: number;
  readonly statusText: string;
  readonly response: unknown;
  responseType: string;
  timeout: number;
  onReadyStateChange: (() => void) | null;
  open(method: string, url: string, async?: boolean, user?: string, password?: string): void;
  setRequestHeader(name: string, value: string): void;
  send(data?: unknown): void;
  abort(): void;
  getAllResponseHeaders(): string;
  getResponseHeader(name: string): string | null;
}

export interface HttpRequestConstructor {
  new (options?: Record<string, unknown>): HttpRequestLike;
  readonly UNSENT: 0;
  readonly OPENED: 1;
  readonly HEADERS_RECEIVED: 2;
  readonly LOADING: 3;
  readonly DONE: 4;
}

/** invokeServiceAsync callback statuses: 100 started, 200 in progress, 300 cancelled, 400 finished. */
export type InvokeStatus = 100 | 200 | 300 | 400;

export interface InvokeServiceResult {
  opstatus: number;
  errcode?: number;
  errmsg?: string;
  httpresponse?: { headers: Record<string, string>; responsecode: number; url: string };
  [key: string]: unknown;
}

export type InvokeServiceCallback = (status: InvokeStatus, result: InvokeServiceResult | null, info?: unknown) => void;

/** Opaque handle returned by invokeServiceAsync, accepted by cancel(). */
export interface ConnectionHandle {
  readonly id: number;
}

export interface VoltmxNet {
  loadClientCertificate(params: ClientCertificateParams): boolean;
  /** Android only in the documentation; see docs/decisions.md for the iOS profile. */
  removeClientCertificate(): void;
  HttpRequest: HttpRequestConstructor;
  invokeServiceAsync(
    url: string,
    inputParamTable: Record<string, unknown>,
    callback: InvokeServiceCallback,
    info?: unknown,
  ): ConnectionHandle | null;
  cancel(handle: ConnectionHandle): boolean;
}

/** The part of voltmx.io an app needs to read a .p12 as RawBytes. */
export interface VoltmxFile {
  readonly fullPath: string;
  readonly name: string;
  exists(): boolean;
  /** The content as RawBytes; null when the file is missing or unreadable. */
  read(): RawBytes | null;
  write(data: RawBytes | string, append?: boolean): boolean;
  remove(): void;
}

/** `new voltmx.io.File(path)`. */
export interface VoltmxFileConstructor {
  new (path: string): VoltmxFile;
}

export interface VoltmxIo {
  File: VoltmxFileConstructor;
  FileSystem: {
    /** The same kind of object as `new File(path)`. */
    getFile(path: string): VoltmxFile;
    getDataDirectoryPath(): string;
    getCacheDirectoryPath(): string;
  };
}

/** voltmx.timer: callbacks after `seconds`, once or repeated; a launch's timers die with it. */
export interface VoltmxTimer {
  schedule(id: string, callback: () => void, seconds: number, repeat: boolean): void;
  cancel(id: string): void;
}

export interface VoltmxOs {
  /** name: "android" on Android, "iPhone" on iOS; version: the OS version ("14", "17.4"). */
  deviceInfo(): { readonly name: string; readonly version: string };
}

/** Optional diagnostics a runtime may offer; the reference does. */
export interface LoadFailure {
  /** Stable code, e.g. PKCS12_BAD_PASSWORD. See reference/README.md for the list. */
  readonly code: string;
  readonly message: string;
}

export interface VoltmxRuntime {
  readonly platform: Platform;
  readonly net: VoltmxNet;
  readonly io: VoltmxIo;
  /** voltmx.convertToRawBytes: RawBytes of the decoded base64 text. */
  convertToRawBytes(base64: string): RawBytes;
  /** voltmx.convertToBase64: the content of a RawBytes as base64 text. */
  convertToBase64(raw: RawBytes): string;
  readonly timer: VoltmxTimer;
  readonly os: VoltmxOs;
  /** Why the last loadClientCertificate returned false, or null. Optional for other implementations. */
  lastLoadFailure?(): LoadFailure | null;
  /** Ends the app launch: pooled connections, sessions, timers and the loaded certificate are gone. */
  shutdown(): Promise<void>;
}

export type RuntimeFactory = (options: RuntimeOptions) => VoltmxRuntime;

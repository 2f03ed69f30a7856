/**
 * The conformance app contract: the one screen every app under test shows, addressed by
 * accessibility id. Specs drive only this; an Android, iOS or reference app implements it.
 * Documented for porting teams in docs/app-contract.md.
 */
export const ElementId = {
  /** Text input: one Command as JSON (or a JSON array of them, run in order). */
  command: 'command',
  /** Button: runs the command typed into `command`, then empties that input. */
  run: 'run',
  /** Text: JSON AppResult of the last run. */
  result: 'result',
} as const;

export type ElementIdValue = (typeof ElementId)[keyof typeof ElementId];

/**
 * Where a command takes text, `{"$textFile": "<path>"}` stands for the text content of that
 * file in the app sandbox: long text (base64 of a .p12) is pushed, never typed.
 */
export interface TextFileRef {
  $textFile: string;
}
export type TextInput = string | TextFileRef;

/**
 * loadClientCertificate({cert, pass}) with cert as RawBytes (load-rawbytes) or a base64 string
 * (load-base64: the typed text unchanged, or voltmx.convertToBase64 of the RawBytes).
 */
export interface LoadCommand {
  action: 'load-rawbytes' | 'load-base64';
  /** Where the .p12 comes from (default file). */
  source?: CertSource;
  /**
   * file: a path in the sandbox (relative = inside the data directory), read with voltmx.io.File;
   * base64: the text (voltmx.convertToRawBytes); url: an https URL (HttpRequest, responseType
   * "rawdata"); bundled: the name of a file shipped with the app.
   */
  input: TextInput;
  /** The PKCS#12 password ("" allowed). */
  password: string;
  /** load-rawbytes: call .clear() on the very RawBytes passed, right after the call returns (the runtime must have copied it). */
  clearAfterLoad?: boolean;
}

/** loadClientCertificate(...args) with raw JSON arguments ($textFile objects replaced by the file's text). */
export interface LoadWithArgumentsCommand {
  action: 'load-with-arguments';
  args: unknown[];
}

export interface RemoveCommand {
  action: 'remove-certificate';
}

/** One request through new voltmx.net.HttpRequest() (responseType "text"). */
export interface HttpRequestCommand {
  action: 'http-request';
  url: string;
  /** GET (default) or POST. */
  method?: string;
  /** POST body. */
  body?: string;
}

/** One voltmx.net.invokeServiceAsync(url, params, callback); `method` becomes httpconfig.method unless params set it. */
export interface InvokeServiceCommand {
  action: 'invoke-service';
  url: string;
  method?: string;
  params?: Record<string, unknown>;
}

/** A scripted API check (docs/app-contract.md) against `url`; `otherUrl`: the response check's second URL. */
export interface ApiCheckCommand {
  action: 'api-check';
  check: ApiCheckName;
  url: string;
  otherUrl?: string;
}

/** What the app is and where it keeps files, as the app itself sees it. */
export interface InfoCommand {
  action: 'info';
}

/** A sandbox or bundled file's bytes as base64 (voltmx.convertToBase64 of its RawBytes): the wiring self-test reads a pushed file back, CA-LOAD-BUNDLED the app's bundled files. */
export interface ReadFileCommand {
  action: 'read-file';
  /** file (default): a path in the sandbox (relative = inside the data directory); bundled: a file name the app ships (as `source: "bundled"` loads it). */
  source?: 'file' | 'bundled';
  input: string;
}

/** Waits `ms` milliseconds in the same launch (a long idle period, shortened by the servers' timeouts). */
export interface IdleCommand {
  action: 'idle';
  ms: number;
}

/**
 * Fields every command may carry. `deadlineMs`: how long the app waits for the runtime to
 * answer this command (default DEFAULT_DEADLINE_MS); past it the app lets go of the runtime
 * (abort / cancel) and the command's result is `timedOut` (TimedOutResult).
 */
export interface CommandOptions {
  deadlineMs?: number;
}

/**
 * http-request and invoke-service inside a batch: `concurrent: true` starts the request and
 * goes on with the next step at once; the batch ends when every step has ended, and the
 * step's result says whether the request was still running when the next step started
 * (`overlapped`).
 */
export interface ConcurrentOption {
  concurrent?: boolean;
}

export type Command = (LoadCommand | LoadWithArgumentsCommand | RemoveCommand | (HttpRequestCommand & ConcurrentOption)
  | (InvokeServiceCommand & ConcurrentOption) | ApiCheckCommand | ReadFileCommand | InfoCommand | IdleCommand) & CommandOptions;
export type CommandAction = Command['action'];

export const COMMAND_ACTIONS: readonly CommandAction[] = ['load-rawbytes', 'load-base64', 'load-with-arguments', 'remove-certificate', 'http-request', 'invoke-service', 'api-check', 'read-file', 'info', 'idle'];

/** What the app waits for a runtime's answer when a command sets no deadlineMs. */
export const DEFAULT_DEADLINE_MS = 60_000;

export type CertSource = 'file' | 'base64' | 'url' | 'bundled';

/** What the result element holds (JSON). `seq` grows with every run; `done` flips when it ends. */
export type AppResult =
  | IdleResult
  | { seq: number; action: string; done: false }
  | StepResult
  | BatchResult;

/** The result of one command. */
export type StepResult =
  | LoadResult
  | RemoveResult
  | HttpRequestResult
  | InvokeServiceResultView
  | ApiCheckResult
  | ReadFileResult
  | InfoResult
  | IdledResult
  | TimedOutResult
  | AppErrorResult;

/** The idle command waited this long. */
export interface IdledResult {
  seq: number;
  done: true;
  action: 'idle';
  idledMs: number;
}

/**
 * The runtime did not answer within the command's deadline (a request that never ended, a
 * callback never called, a load that did not return): an observation about the runtime,
 * with what the command had seen by then (http-request: readyState, status; invoke-service:
 * statuses).
 */
export interface TimedOutResult {
  seq: number;
  done: true;
  action: string;
  timedOut: true;
  deadlineMs: number;
  readyState?: number;
  status?: number;
  statuses?: number[];
}

/** A JSON array of commands runs them in order; `results` holds each one's result. */
export interface BatchResult {
  seq: number;
  done: true;
  action: 'batch';
  results: StepResult[];
}

export interface InfoResult {
  seq: number;
  done: true;
  action: 'info';
  /** The runtime's platform: "android" | "ios". */
  platform: string;
  /** The Volt MX runtime version the app reports (voltmx.os.deviceInfo / the reference's package version). */
  runtimeVersion: string | null;
  /** The app's own version (the build's version name / CFBundleShortVersionString). */
  appVersion: string | null;
  /** voltmx.io.FileSystem.getDataDirectoryPath(): where relative file paths resolve and files are pushed. */
  dataDirectory: string;
  /** voltmx.io.FileSystem.getCacheDirectoryPath(). */
  cacheDirectory: string | null;
  /** The drop-in kit's own version (the self-test compares it with the harness's). */
  kitVersion: string;
  /** Lowercase hex SHA-256 of the DER of the test server CA the app was built to trust; null if unknown. */
  caFingerprint: string | null;
}

export interface ReadFileResult {
  seq: number;
  done: true;
  action: 'read-file';
  /** The file's bytes as base64; null when there is no such file. */
  base64: string | null;
}

/** What the result element holds before the first action of an app launch. */
export interface IdleResult {
  seq: 0;
  done: true;
  action: 'none';
}

export interface LoadResult {
  seq: number;
  done: true;
  action: 'load-rawbytes' | 'load-base64' | 'load-with-arguments';
  /** The returned value, when the call returned. */
  returned?: boolean;
  /** The documented error code, when the call threw (100 / 101). */
  thrown?: { errorCode: number | null; message: string };
  /** The runtime's failure reason code, when it offers one (reference: lastLoadFailure). */
  reason?: string;
}

export interface RemoveResult {
  seq: number;
  done: true;
  action: 'remove-certificate';
  thrown?: { errorCode: number | null; message: string };
}

export interface HttpRequestResult {
  seq: number;
  done: true;
  action: 'http-request';
  readyState: number;
  status: number;
  /** The response body as text (JSON text for the fleet's endpoints). */
  body: string | null;
  /** Error reported by the request object (network or TLS failure), if any. */
  error?: string;
  /** A concurrent step: whether it was still running when the next step of the batch started. */
  overlapped?: boolean;
}

export interface InvokeServiceResultView {
  seq: number;
  done: true;
  action: 'invoke-service';
  /** The callback statuses seen, in order (100, 200, ..., 400). */
  statuses: number[];
  opstatus: number | null;
  errcode: number | null;
  errmsg: string | null;
  responsecode: number | null;
  /** The whole result table the callback got at status 400. */
  result: Record<string, unknown> | null;
  /** A concurrent step: whether it was still running when the next step of the batch started. */
  overlapped?: boolean;
}

export interface AppErrorResult {
  seq: number;
  done: true;
  action: string;
  /** The app itself could not perform the action (unreadable file, download failed, bad UI input). */
  appError: string;
}

/**
 * Scripted API checks (docs/app-contract.md gives each script). A check reports raw
 * observations, never a verdict: the specs judge them.
 */
export type ApiCheckName = 'readystates' | 'invalid-state' | 'methods' | 'response' | 'err-codes' | 'invoke-cancel';

export const API_CHECKS: readonly ApiCheckName[] = ['readystates', 'invalid-state', 'methods', 'response', 'err-codes', 'invoke-cancel'];

/** What one call did: returned (a JSON-able summary of the value) or threw. */
export interface CallOutcome {
  /** The value returned, summarised (see ValueSummary); absent when the call threw. */
  returned?: ValueSummary;
  thrown?: ThrownView;
}

/** A thrown error as an app can see it. */
export interface ThrownView {
  /** error.name: "SyntaxError", "InvalidStateError", ... */
  name: string;
  /** The documented voltmx error code (100 / 101), when the error carries one. */
  errorCode: number | null;
  message: string;
}

/** A value summarised without its content: its kind, and a small JSON-able view. */
export interface ValueSummary {
  kind: 'undefined' | 'null' | 'boolean' | 'number' | 'string' | 'object' | 'array' | 'bytes' | 'function' | 'other';
  /** booleans, numbers and strings up to 200 characters as they are; object keys (sorted); byte count. */
  value?: boolean | number | string | string[];
}

/** One request sent to completion: every onReadyStateChange call and the end state. */
export interface RequestTrace {
  /** readyState read inside each onReadyStateChange call, in order. */
  changes: number[];
  /** arguments.length of each onReadyStateChange call. */
  callbackArguments: number[];
  /** readyState and status when the request ended (DONE seen, or the check's time limit). */
  readyState: number;
  status: number;
  /** statusText at the end (the reference puts its transport error code there on failure). */
  statusText: string;
  /** false when DONE never came within the check's time limit (10 s). */
  completed: boolean;
}

export interface ReadyStatesObservation {
  /** readyState and status of a new object, and after open() before send(). */
  initialReadyState: number;
  initialStatus: number;
  afterOpenReadyState: number;
  afterOpenStatus: number;
  /** GET target-url with the handler set before open(). */
  trace: RequestTrace;
}

export interface InvalidStateObservation {
  /** setRequestHeader("X-Check", "1") on a new object. */
  setHeaderBeforeOpen: CallOutcome;
  /** send() on a new object. */
  sendBeforeOpen: CallOutcome;
  /** open("GET", target-url), send(), then at once setRequestHeader and send() again. */
  setHeaderAfterSend: CallOutcome;
  secondSend: CallOutcome;
  /** setRequestHeader after DONE. */
  setHeaderAfterDone: CallOutcome;
  /** The request itself, which must still complete. */
  trace: RequestTrace;
}

export interface MethodsObservation {
  /** open(method, url) then, when open returned, send() (a "api-check" body for POST) to completion. */
  sent: Record<'get' | 'GET' | 'Get' | 'post' | 'POST' | 'pOsT', { open: CallOutcome; send: CallOutcome | null; trace: RequestTrace | null }>;
  /** open("BOGUS", target-url). */
  unknownMethod: CallOutcome;
  /** open("GET", "https://[not a host/whoami"). */
  malformedUrl: CallOutcome;
  /** open("GET", "no scheme or host"). */
  relativeUrl: CallOutcome;
}

export interface ResponseObservation {
  /** A new object: status, getResponseHeader("Content-Type"), getAllResponseHeaders(). */
  statusNew: number;
  headerNew: CallOutcome;
  allHeadersNew: CallOutcome;
  /** After open(), before send(). */
  statusAfterOpen: number;
  headerAfterOpen: CallOutcome;
  /** GET target-url (JSON) with each responseType: the response and the Content-Type header. */
  byType: Record<'json' | 'text' | 'default', { status: number; response: ValueSummary; contentType: string | null }>;
  /** GET request-body's URL (a body that is not JSON) with responseType "json", when request-body is a URL. */
  jsonOnNonJson: { status: number; response: ValueSummary; contentType: string | null } | null;
  /** Lower-cased header names in getAllResponseHeaders() after the JSON GET. */
  allHeaderNames: string[];
  /** getResponseHeader("Set-Cookie") after the JSON GET. */
  setCookieHeader: CallOutcome;
  /** GET <target-url's origin>/cookie, which the fleet answers with Set-Cookie and X-Voltmx-Conformance. */
  cookie: CookieObservation;
}

/** A call expected to return text: a string kept whole (a summary cuts at 200 characters). */
export interface TextOutcome {
  /** The string returned. */
  text?: string;
  /** Anything else returned, summarised. */
  returned?: ValueSummary;
  thrown?: ThrownView;
}

export interface CookieObservation {
  /** The URL fetched (responseType "json"). */
  url: string;
  trace: RequestTrace;
  /** getAllResponseHeaders(), the raw string. */
  allHeaders: TextOutcome;
  /** getResponseHeader("Set-Cookie") and getResponseHeader("set-cookie"). */
  setCookie: CallOutcome;
  setCookieLower: CallOutcome;
  /** getResponseHeader("X-Voltmx-Conformance"): an ordinary header, so headers are read at all. */
  conformanceHeader: CallOutcome;
}

export interface ErrCodesObservation {
  /** Each scripted call by its label (see docs/app-contract.md), in order. */
  calls: Record<string, CallOutcome>;
}

export interface InvokeCancelObservation {
  /** invokeServiceAsync(target-url, {}, callback): the handle (summarised) or what it threw. */
  invoke: CallOutcome;
  /** cancel(handle) at once, then again once the call has settled. */
  cancel: CallOutcome;
  cancelAgain: CallOutcome;
  /** Callback statuses seen until 1 s after the first 300 or 400 (10 s at most). */
  statuses: number[];
  /** Whether the result given with status 300 was null. */
  resultAt300: ValueSummary | null;
  /** cancel({}) and cancel(null): handles that never came from invokeServiceAsync. */
  cancelForeign: CallOutcome;
  cancelNull: CallOutcome;
  /** invokeServiceAsync(42, {}, callback), (target-url, "not a table", callback), (target-url, {}): returned value and callback statuses seen within 500 ms. */
  invalid: Record<'badUrl' | 'badTable' | 'noCallback', { call: CallOutcome; statuses: number[] }>;
}

export interface ApiCheckObservations {
  readystates: ReadyStatesObservation;
  'invalid-state': InvalidStateObservation;
  methods: MethodsObservation;
  response: ResponseObservation;
  'err-codes': ErrCodesObservation;
  'invoke-cancel': InvokeCancelObservation;
}

export type ApiCheckResult = {
  [K in ApiCheckName]: { seq: number; done: true; action: 'api-check'; check: K; observed: ApiCheckObservations[K] };
}[ApiCheckName];

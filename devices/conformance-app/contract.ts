/**
 * The conformance app contract: the one screen every app under test shows, addressed by
 * accessibility id. Specs drive only this; an Android, iOS or reference app implements it.
 * Documented for porting teams in docs/app-contract.md.
 */
export const ElementId = {
  /** Text input: where the .p12 comes from: "file" | "base64" | "url". */
  certSource: 'cert-source',
  /** Text input: a file path in the app sandbox (file), the base64 text (base64) or a URL (url). */
  certInput: 'cert-input',
  /** Text input: the PKCS#12 password ("" allowed). */
  certPassword: 'cert-password',
  /** Button: obtain the bytes from the source, call loadClientCertificate({cert: RawBytes, pass}). */
  loadRawBytes: 'load-rawbytes',
  /** Button: obtain the bytes, call loadClientCertificate({cert: base64 string, pass}). */
  loadBase64: 'load-base64',
  /** Text input: raw JSON arguments array for loadClientCertificate, to test bad input (100/101). */
  loadArguments: 'load-arguments',
  /** Button: call loadClientCertificate(...JSON.parse(load-arguments)). */
  loadWithArguments: 'load-with-arguments',
  /** Button: voltmx.net.removeClientCertificate(). */
  removeCertificate: 'remove-certificate',
  /** Text input: the URL requests go to. */
  targetUrl: 'target-url',
  /** Text input: HTTP method, GET (default) or POST. */
  requestMethod: 'request-method',
  /** Text input: request body (POST), or JSON object of service params for the invoker. */
  requestBody: 'request-body',
  /** Button: send through voltmx.net.HttpRequest. */
  sendHttpRequest: 'send-http-request',
  /** Button: send through voltmx.net.invokeServiceAsync. */
  sendInvokeService: 'send-invoke-service',
  /** Text: JSON AppResult of the last action. */
  result: 'result',
} as const;

export type ElementIdValue = (typeof ElementId)[keyof typeof ElementId];

export type CertSource = 'file' | 'base64' | 'url';

/** What the result element holds (JSON). `seq` grows with every action; `done` flips when it ends. */
export type AppResult =
  | IdleResult
  | { seq: number; action: string; done: false }
  | LoadResult
  | RemoveResult
  | HttpRequestResult
  | InvokeServiceResultView
  | AppErrorResult;

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
}

export interface AppErrorResult {
  seq: number;
  done: true;
  action: string;
  /** The app itself could not perform the action (unreadable file, download failed, bad UI input). */
  appError: string;
}

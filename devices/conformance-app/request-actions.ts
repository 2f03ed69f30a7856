/** The request commands: one request through HttpRequest, one through invokeServiceAsync. */
import type { InvokeServiceResult, VoltmxRuntime } from '../../reference/runtime/contract.js';
import type { HttpRequestResult, InvokeServiceResultView } from './contract.js';
import { AppActionError } from './app-errors.js';

export interface RequestInputs {
  url: string;
  method?: string;
  body?: string;
}

export interface InvokeInputs {
  url: string;
  method?: string;
  params?: unknown;
}

function methodOf(inputs: { method?: string }): 'GET' | 'POST' {
  const method = String(inputs.method ?? '').trim().toUpperCase() || 'GET';
  if (method !== 'GET' && method !== 'POST') {
    throw new AppActionError('APP_BAD_METHOD', `method must be GET or POST; got "${inputs.method}"`);
  }
  return method;
}

function urlOf(inputs: { url?: unknown }): string {
  if (typeof inputs.url !== 'string' || !inputs.url.trim()) throw new AppActionError('APP_BAD_TARGET', 'the command holds no url');
  return inputs.url.trim();
}

function responseText(response: unknown): string | null {
  if (response === null || response === undefined) return null;
  if (typeof response === 'string') return response;
  // A RawBytes (responseType rawdata, or chosen by content type): its own text view.
  if (typeof response === 'object' && 'text' in response && typeof (response as { clear?: unknown }).clear === 'function') {
    return (response as { text: string | null }).text;
  }
  return JSON.stringify(response);
}

export function sendHttpRequest(
  runtime: VoltmxRuntime,
  inputs: RequestInputs,
): Promise<Omit<HttpRequestResult, 'seq' | 'done' | 'action'>> {
  const method = methodOf(inputs);
  const url = urlOf(inputs);
  return new Promise((resolve) => {
    const request = new runtime.net.HttpRequest();
    request.onReadyStateChange = () => {
      if (request.readyState !== 4) return;
      const result: Omit<HttpRequestResult, 'seq' | 'done' | 'action'> = {
        readyState: request.readyState,
        status: request.status,
        body: responseText(request.response),
      };
      // The API has no error property: status 0 at DONE is how an app sees a failed connection.
      if (request.status === 0) result.error = request.statusText || 'request failed (status 0)';
      resolve(result);
    };
    try {
      request.open(method, url, true);
      request.responseType = 'text';
      request.send(method === 'POST' ? inputs.body ?? '' : undefined);
    } catch (error) {
      resolve({ readyState: request.readyState, status: request.status, body: null, error: (error as Error).message });
    }
  });
}

function paramsOf(params: unknown): Record<string, unknown> {
  if (params === undefined) return {};
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new AppActionError('APP_BAD_PARAMS', 'params must be a JSON object of service params');
  }
  return { ...(params as Record<string, unknown>) };
}

export function sendInvokeService(
  runtime: VoltmxRuntime,
  inputs: InvokeInputs,
): Promise<Omit<InvokeServiceResultView, 'seq' | 'done' | 'action'>> {
  const params = paramsOf(inputs.params);
  const url = urlOf(inputs);
  if (String(inputs.method ?? '').trim() && params.httpconfig === undefined) {
    params.httpconfig = { method: methodOf(inputs).toLowerCase() };
  }
  return new Promise((resolve, reject) => {
    const statuses: number[] = [];
    const finish = (result: InvokeServiceResult | null) => {
      const response = result?.httpresponse;
      resolve({
        statuses,
        opstatus: typeof result?.opstatus === 'number' ? result.opstatus : null,
        errcode: typeof result?.errcode === 'number' ? result.errcode : null,
        errmsg: typeof result?.errmsg === 'string' ? result.errmsg : null,
        responsecode: typeof response?.responsecode === 'number' ? response.responsecode : null,
        result: result ? { ...result } : null,
      });
    };
    const handle = runtime.net.invokeServiceAsync(url, params, (status, result) => {
      statuses.push(status);
      if (status === 400 || status === 300) finish(result);
    });
    if (handle === null) reject(new AppActionError('APP_INVOKE_REJECTED', 'invokeServiceAsync returned null (invalid input)'));
  });
}

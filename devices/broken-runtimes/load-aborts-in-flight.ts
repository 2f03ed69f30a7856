/**
 * BROKEN on purpose: a successful load aborts every request still in flight: HttpRequests end
 * with status 0, invokeServiceAsync calls are cancelled (300). Requests started afterwards are
 * the reference's. Expected to fail CA-REPLACE-IN-FLIGHT. (remove-aborts-in-flight does the
 * same on removal.)
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { ConnectionHandle, HttpRequestConstructor, HttpRequestLike, InvokeServiceCallback, RuntimeFactory, RuntimeOptions, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { wrapRuntime } from './wrap-runtime.js';

/** The reference, except that a successful load (`on` 'load') or an Android removal ('remove') aborts what is in flight. */
export function abortingInFlight(options: RuntimeOptions, on: 'load' | 'remove'): VoltmxRuntime {
  const inner = createReference(options);
  const requests = new Set<HttpRequestLike>();
  const handles = new Set<ConnectionHandle>();
  const Base = inner.net.HttpRequest;
  class Tracked extends Base {
    // Every argument passed on: the reference checks their number (101).
    override send(...args: unknown[]): void {
      for (const request of requests) if (request.readyState === 4 || request.readyState === 0) requests.delete(request);
      requests.add(this);
      (super.send as (...a: unknown[]) => void).apply(this, args);
    }
  }
  const abortAll = () => {
    for (const request of [...requests]) if (request.readyState !== 4 && request.readyState !== 0) request.abort();
    requests.clear();
    for (const handle of [...handles]) inner.net.cancel(handle);
    handles.clear();
  };
  return wrapRuntime(inner, {
    HttpRequest: Tracked as unknown as HttpRequestConstructor,
    loadClientCertificate(...args) {
      const loaded = (inner.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);
      if (loaded === true && on === 'load') abortAll();
      return loaded;
    },
    removeClientCertificate(...args) {
      (inner.net.removeClientCertificate as (...a: unknown[]) => void)(...args);
      if (inner.platform === 'android' && on === 'remove') abortAll();
    },
    invokeServiceAsync(...args) {
      const [url, params, callback, info] = args as [string, Record<string, unknown>, InvokeServiceCallback, unknown];
      if (typeof callback !== 'function') return (inner.net.invokeServiceAsync as (...a: unknown[]) => unknown)(...args);
      let handle: ConnectionHandle | null = null;
      handle = inner.net.invokeServiceAsync(url, params, (status, result, more) => {
        if ((status === 300 || status === 400) && handle) handles.delete(handle);
        callback(status, result, more);
      }, ...(args.length > 3 ? [info] : []) as []);
      if (handle) handles.add(handle);
      return handle;
    },
  });
}

export const createRuntime: RuntimeFactory = (options) => abortingInFlight(options, 'load');

export default createRuntime;

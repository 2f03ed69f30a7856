/**
 * VARIANT (correct): invokeServiceAsync reports a client-auth refusal that the server sends as
 * HTTP 400 (nginx's "SSL certificate error" / "No required SSL certificate was sent") as
 * errcode 1200 ("SSL / certificate error", platform-facts §1), keeping responsecode 400. The
 * documentation does not say whether such a refusal is an SSL error or an HTTP one. Differs
 * from the reference's decision CA-ERRCODE-HTTP-400, and only there.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { InvokeServiceCallback, InvokeServiceResult, RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from '../broken-runtimes/wrap-runtime.js';

const SSL_ERROR = 1200;

function refusalAsSslError(callback: InvokeServiceCallback): InvokeServiceCallback {
  return (status, result, info) => {
    const refusal = result && result.opstatus !== 0 && result.httpresponse?.responsecode === 400;
    callback(status, refusal ? { ...result, opstatus: SSL_ERROR, errcode: SSL_ERROR } as InvokeServiceResult : result, info);
  };
}

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  const invoke = inner.net.invokeServiceAsync as (...args: unknown[]) => unknown;
  return wrapRuntime(inner, {
    invokeServiceAsync: (...args) => invoke(...args.map((arg, i) => (i === 2 && typeof arg === 'function' ? refusalAsSslError(arg as InvokeServiceCallback) : arg))),
  });
};

export default createRuntime;

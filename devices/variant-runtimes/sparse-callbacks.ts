/**
 * VARIANT (correct): announces less than the reference where the documentation fixes nothing
 * (platform-facts §1): HttpRequest never announces LOADING 3 (a runtime that reads the body in
 * one go), invokeServiceAsync never reports 200 (in progress), and every failed call has
 * opstatus 1 ("anything else failure") instead of repeating its errcode.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { HttpRequestConstructor, HttpRequestLike, InvokeServiceCallback, InvokeServiceResult, RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from '../broken-runtimes/wrap-runtime.js';

const LOADING = 3;

function withoutLoading(Base: HttpRequestConstructor): HttpRequestConstructor {
  const Parent = Base as unknown as new (...args: unknown[]) => HttpRequestLike;
  class SparseHttpRequest extends Parent {
    private appHandler: (() => void) | null = null;

    override get onReadyStateChange(): (() => void) | null {
      return this.appHandler;
    }

    override set onReadyStateChange(value: (() => void) | null) {
      super.onReadyStateChange = value === null || value === undefined || typeof value !== 'function'
        ? value
        : function (this: HttpRequestLike) { if (this.readyState !== LOADING) value.call(this); };
      this.appHandler = value ?? null;
    }
  }
  return SparseHttpRequest as unknown as HttpRequestConstructor;
}

function sparseCallback(callback: InvokeServiceCallback): InvokeServiceCallback {
  return (status, result, info) => {
    if (status === 200) return;
    const failed = result && result.opstatus !== 0 ? { ...result, opstatus: 1 } as InvokeServiceResult : result;
    callback(status, failed, info);
  };
}

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  const invoke = inner.net.invokeServiceAsync as (...args: unknown[]) => unknown;
  return wrapRuntime(inner, {
    HttpRequest: withoutLoading(inner.net.HttpRequest),
    invokeServiceAsync: (...args) => invoke(...args.map((arg, i) => (i === 2 && typeof arg === 'function' ? sparseCallback(arg as InvokeServiceCallback) : arg))),
  });
};

export default createRuntime;

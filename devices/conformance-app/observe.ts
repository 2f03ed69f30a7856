/**
 * How the scripted API checks record what happened: calls as returned-or-thrown, values as
 * small summaries, requests as the readyState sequence their handler saw. Observations only;
 * the specs judge them.
 */
import type { HttpRequestLike } from '../../reference/runtime/contract.js';
import type { CallOutcome, RequestTrace, TextOutcome, ThrownView, ValueSummary } from './contract.js';

/** A function called with arguments its declared type does not allow: that is what a check tests. */
export type LooseFunction = (...args: unknown[]) => unknown;

/** The same object, with every method callable with any arguments. */
export function loose(target: object): Record<string, LooseFunction> {
  return target as Record<string, LooseFunction>;
}

const MAX_TEXT = 200;

export function summarize(value: unknown): ValueSummary {
  if (value === undefined) return { kind: 'undefined' };
  if (value === null) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return { kind: 'string', value: value.slice(0, MAX_TEXT) };
  if (typeof value === 'function') return { kind: 'function' };
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return { kind: 'bytes', value: value.byteLength };
  if (Array.isArray(value)) return { kind: 'array', value: value.length };
  if (typeof value === 'object') return { kind: 'object', value: Object.keys(value).sort() };
  return { kind: 'other' };
}

export function thrownView(error: unknown): ThrownView {
  const e = error as { name?: unknown; errorCode?: unknown; message?: unknown } | null;
  return {
    name: typeof e?.name === 'string' ? e.name : typeof error,
    errorCode: typeof e?.errorCode === 'number' ? e.errorCode : null,
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
}

/** Runs one call: what it returned, or what it threw. */
export function call(body: () => unknown): CallOutcome {
  try {
    return { returned: summarize(body()) };
  } catch (error) {
    return { thrown: thrownView(error) };
  }
}

/** Runs one call returning text, kept whole. */
export function callText(body: () => unknown): TextOutcome {
  try {
    const value = body();
    return typeof value === 'string' ? { text: value } : { returned: summarize(value) };
  } catch (error) {
    return { thrown: thrownView(error) };
  }
}

/** Long enough for any loopback request; a request still running then is reported incomplete. */
export const REQUEST_LIMIT_MS = 10_000;

export interface Watched {
  /** Resolves when DONE is seen, or at the time limit. */
  readonly ended: Promise<RequestTrace>;
  /** Stops waiting (a request that was never sent), so no timer outlives the check. */
  stop(): void;
}

/** Sets the request's onReadyStateChange (before open, so OPENED is seen too) and records every call. */
export function watch(request: HttpRequestLike, limitMs = REQUEST_LIMIT_MS): Watched {
  const changes: number[] = [];
  const callbackArguments: number[] = [];
  let finish: (completed: boolean) => void = () => {};
  const ended = new Promise<RequestTrace>((resolve) => {
    const timer = setTimeout(() => finish(false), limitMs);
    let settled = false;
    finish = (completed) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ changes, callbackArguments, readyState: request.readyState, status: request.status, statusText: request.statusText, completed });
    };
  });
  request.onReadyStateChange = function onReadyStateChange(...args: unknown[]) {
    changes.push(request.readyState);
    callbackArguments.push(args.length);
    if (request.readyState === 4) finish(true);
  };
  return { ended, stop: () => finish(false) };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Turns a failed test's error into a status. Only a failed assertion about the client is a
 * conformance failure; a missing API is `unimplemented`; anything else (server died, Appium
 * lost the session, a bug in a spec) is an infrastructure `error`, never `fail`.
 */
import type { ResultStatus } from '../results/types.js';

export interface ErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly type?: string;
  readonly stack?: string;
}

/**
 * The error's class name. WebdriverIO's reporter re-creates assertion errors as plain Error
 * (to add a diff) but keeps the original stack, whose first line starts with the real name.
 */
export function errorName(error: ErrorLike): string {
  const fromStack = /^([A-Za-z]\w*)(?: \[[A-Z_]+\])?:/.exec(error.stack ?? '')?.[1];
  const own = error.name && error.name !== 'Error' ? error.name : undefined;
  return own ?? fromStack ?? error.type ?? error.name ?? 'Error';
}

/** The message without the actual/expected word diff the reporter appends. */
export function errorMessage(error: ErrorLike): string {
  const message = (error.message ?? '').replace(/\n\s*actual expected\n[\s\S]*$/, '').trimEnd();
  const name = errorName(error);
  return name === 'Error' ? message : `${name}: ${message}`;
}

const FAIL_NAMES = new Set(['AssertionError', 'ConformanceFailure', 'ClientTimeoutError']);
const UNIMPLEMENTED_NAMES = new Set(['UnimplementedError']);

export function classifyError(error: ErrorLike | undefined): ResultStatus {
  if (!error) return 'error';
  const name = errorName(error);
  if (UNIMPLEMENTED_NAMES.has(name) || error.code === 'UNIMPLEMENTED') return 'unimplemented';
  if (FAIL_NAMES.has(name) || error.code === 'ERR_ASSERTION') return 'fail';
  // Errors can arrive serialised with only a message; assertion messages keep their prefix.
  if (/^(AssertionError|ConformanceFailure|ClientTimeoutError)\b/.test(error.message ?? '')) return 'fail';
  return 'error';
}

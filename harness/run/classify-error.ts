/**
 * Turns a failed test's error into a status. Only a failed assertion about the client is a
 * conformance failure; a missing API is `unimplemented`; anything else (a device that timed
 * out, a server that died, Appium that lost the session, a bug in a spec) is an
 * infrastructure `error`, never `fail`. Classified by class, then `code`, then class name:
 * the names come from the classes themselves (outcome-errors.ts), never typed by hand.
 */
import type { ResultStatus } from '../results/types.js';
import { FAIL_CLASSES, UNIMPLEMENTED_CLASSES } from './outcome-errors.js';

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

type ErrorClass = abstract new (...args: never[]) => Error;

/** node:assert's AssertionError: its class is not exported under a stable path, its code is. */
const ASSERTION = { name: 'AssertionError', code: 'ERR_ASSERTION' } as const;

function codesOf(classes: readonly ErrorClass[]): Set<string> {
  return new Set(classes.map((c) => (c.prototype as { code?: string }).code ?? instanceCode(c)).filter((c): c is string => Boolean(c)));
}

/** `code` is an instance field; read it from one instance made without running user code. */
function instanceCode(cls: ErrorClass): string | undefined {
  try {
    return (new (cls as unknown as new () => { code?: string })()).code;
  } catch {
    return undefined;
  }
}

const FAIL = { classes: FAIL_CLASSES as readonly ErrorClass[], names: new Set([ASSERTION.name, ...FAIL_CLASSES.map((c) => c.name)]), codes: new Set([ASSERTION.code, ...codesOf(FAIL_CLASSES)]) };
const UNIMPLEMENTED = { classes: UNIMPLEMENTED_CLASSES as readonly ErrorClass[], names: new Set(UNIMPLEMENTED_CLASSES.map((c) => c.name)), codes: codesOf(UNIMPLEMENTED_CLASSES) };

function matches(error: ErrorLike, group: typeof FAIL): boolean {
  if (group.classes.some((cls) => error instanceof cls)) return true;
  if (error.code && group.codes.has(error.code)) return true;
  if (group.names.has(errorName(error))) return true;
  // Errors can arrive serialised with only a message; such messages keep the class prefix.
  const prefix = /^([A-Za-z]\w*)\b/.exec(error.message ?? '')?.[1];
  return prefix !== undefined && group.names.has(prefix);
}

export function classifyError(error: ErrorLike | undefined): ResultStatus {
  if (!error) return 'error';
  if (matches(error, UNIMPLEMENTED)) return 'unimplemented';
  if (matches(error, FAIL)) return 'fail';
  return 'error';
}

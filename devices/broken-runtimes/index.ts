/** Deliberately broken RuntimeFactory modules and their catalog (docs/broken-runtimes.md). */
export { BROKEN_RUNTIMES, brokenRuntime, type BrokenRuntime } from './catalog.js';
export { UnknownBrokenRuntimeError, WrongPasswordThrownError } from './errors.js';
export { wrapRuntime, type RuntimeOverrides } from './wrap-runtime.js';

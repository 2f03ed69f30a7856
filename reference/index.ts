/** The reference runtime: `createRuntime({ platform, trust })` -> a voltmx-shaped object. */
import { createRuntime } from './runtime/create-runtime.js';

export { createRuntime };
export default createRuntime;
export type * from './runtime/contract.js';
export type { ReferenceRuntime, ReferenceNet, ReferenceCertificateParams } from './runtime/reference-runtime.js';
export { VoltmxError, InvalidParameterTypeError, InvalidArgumentCountError } from './runtime/voltmx-error.js';
export { LoadFailureCode } from './credentials/load-failure.js';
export { InvokeErrorCode } from './net/invoke-service.js';

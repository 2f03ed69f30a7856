/**
 * voltmx-conformance/contract: what an implementation under test is written against. The
 * runtime contract (a RuntimeFactory and the voltmx objects it returns, with its stable failure
 * codes) and the conformance app contract (element ids, commands and their result types).
 */
export type * from '../../reference/runtime/contract.js';
export { LoadFailureCode } from '../../reference/credentials/load-failure.js';
export { InvokeErrorCode } from '../../reference/net/invoke-service.js';
export * from '../conformance-app/contract.js';

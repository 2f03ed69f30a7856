/**
 * BROKEN on purpose: on Android, removeClientCertificate() aborts every request still in
 * flight (HttpRequests end with status 0, invokeServiceAsync calls are cancelled). Expected to
 * fail CA-REMOVE-IN-FLIGHT.
 */
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { abortingInFlight } from './load-aborts-in-flight.js';

export const createRuntime: RuntimeFactory = (options) => abortingInFlight(options, 'remove');

export default createRuntime;

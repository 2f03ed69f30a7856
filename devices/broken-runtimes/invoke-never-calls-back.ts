/**
 * BROKEN on purpose: while a certificate is loaded, invokeServiceAsync to a server that asks
 * for one calls back with 100 and then never again (no 200, no 400); HttpRequest works.
 * Expected to fail CA-LOAD-IMMEDIATE (checked through invokeServiceAsync: the runtime never
 * answers within the command's deadline, a failure, not an infrastructure error), everything
 * built on it blocked.
 */
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { silentWhenAsked } from './silent-when-asked.js';

export const createRuntime: RuntimeFactory = (options) => silentWhenAsked(options, 'invoke-service');

export default createRuntime;

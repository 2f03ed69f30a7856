/**
 * BROKEN on purpose: while a certificate is loaded, a voltmx.net.HttpRequest to a server that
 * asks for one never ends (no DONE, ever); invokeServiceAsync works. Expected to fail
 * CA-BOTH-APIS (the runtime never answers within the command's deadline: a failure, not an
 * infrastructure error), everything that presents through HttpRequest blocked by it.
 */
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { silentWhenAsked } from './silent-when-asked.js';

export const createRuntime: RuntimeFactory = (options) => silentWhenAsked(options, 'http-request');

export default createRuntime;

/**
 * VARIANT (correct): a table without `pass` loads as if pass were "", as a Kony iOS header
 * declares ("If password field is missing. Empty string will be used", platform-facts §3).
 * Differs from the reference's decision CA-PASS-REQUIRED, and only there.
 */
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { rewritingLoadTable } from './load-arguments.js';

export const createRuntime: RuntimeFactory = (options) => rewritingLoadTable(options, (table) => (!('pass' in table) ? { ...table, pass: '' } : null));

export default createRuntime;

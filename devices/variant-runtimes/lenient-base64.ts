/**
 * VARIANT (correct): decodes a base64 cert as Android's own decoder does
 * (`android.util.Base64.decode(..., DEFAULT)`, platform-facts §2): characters outside the
 * base64 alphabet are skipped, so a valid file's base64 with stray punctuation still loads.
 * Differs from the reference's decision CA-BASE64-STRICT, and only there.
 */
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { rewritingLoadTable } from './load-arguments.js';

/** What android.util.Base64 DEFAULT reads: the standard alphabet and padding, nothing else. */
export const androidBase64 = (text: string): string => text.replace(/[^A-Za-z0-9+/=]/g, '');

export const createRuntime: RuntimeFactory = (options) =>
  rewritingLoadTable(options, (table) => (typeof table.cert === 'string' ? { ...table, cert: androidBase64(table.cert) } : null));

export default createRuntime;

/**
 * BROKEN on purpose, twice, for the test that an expected failure hides nothing
 * (harness/teeth/variants.test.ts): stale-sessions (CA-REPLACE-RESUMPTION) and base64-rejected
 * (CA-LOAD-BASE64, CA-LOAD-FROM-FILE, CA-LOAD-FROM-HTTP) in one runtime. Not in the catalog:
 * with CA-REPLACE-RESUMPTION expected to fail, the base64 defect must still show as unexpected
 * failures, not as `blocked` by the expected one.
 */
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { rejectingBase64 } from './base64-rejected.js';
import { createRuntime as staleSessions } from './stale-sessions.js';

export const createRuntime: RuntimeFactory = rejectingBase64(staleSessions);

export default createRuntime;

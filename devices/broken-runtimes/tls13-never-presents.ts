/**
 * BROKEN on purpose: never presents a certificate over TLS 1.3; TLS 1.2 servers receive it.
 * Expected to fail CA-TLS13, everything that presents over TLS 1.3 blocked by it.
 */
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { withholdingOn } from './version-withholding-agent.js';

export const createRuntime: RuntimeFactory = withholdingOn('TLSv1.3');

export default createRuntime;

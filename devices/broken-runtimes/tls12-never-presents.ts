/**
 * BROKEN on purpose: never presents a certificate over TLS 1.2; TLS 1.3 servers receive it.
 * Expected to fail CA-TLS12 alone: the roots (CA-LOAD-IMMEDIATE, CA-BOTH-APIS) judge each TLS
 * version on its own, and what else uses a TLS 1.2 server is blocked by CA-TLS12.
 */
import type { RuntimeFactory } from '../../reference/runtime/contract.js';
import { withholdingOn } from './version-withholding-agent.js';

export const createRuntime: RuntimeFactory = withholdingOn('TLSv1.2');

export default createRuntime;

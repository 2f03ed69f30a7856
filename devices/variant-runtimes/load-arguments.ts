/** The shape of one loadClientCertificate call, for variants that read it before the reference does. */
import { createRuntime as createReference } from '../../reference/index.js';
import type { RawBytes, RuntimeOptions, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { wrapRuntime } from '../broken-runtimes/wrap-runtime.js';

export interface CertParams {
  readonly cert?: unknown;
  readonly pass?: unknown;
}

/** The single table argument of a one-argument call, else null (the reference then answers 100/101). */
export function tableOf(args: readonly unknown[]): CertParams | null {
  const table = args[0];
  return args.length === 1 && typeof table === 'object' && table !== null && !Array.isArray(table) ? table as CertParams : null;
}

/**
 * The reference, except that the table of a one-table load goes through `rewrite` first (it
 * returns the table to load, or null to pass the call on untouched).
 */
export function rewritingLoadTable(options: RuntimeOptions, rewrite: (table: CertParams) => CertParams | null): VoltmxRuntime {
  const inner = createReference(options);
  const load = inner.net.loadClientCertificate as (...args: unknown[]) => unknown;
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      const table = tableOf(args);
      const rewritten = table ? rewrite(table) : null;
      return rewritten ? load(rewritten) : load(...args);
    },
  });
}

/**
 * The file's bytes when cert is a base64 string, the runtime's own RawBytes (read back with its
 * voltmx.convertToBase64) or a byte array; null for anything else (the reference answers it).
 */
export function certBytes(cert: unknown, toBase64: (raw: RawBytes) => string): Uint8Array | null {
  if (typeof cert === 'string') return Buffer.from(cert, 'base64');
  if (cert instanceof Uint8Array) return cert;
  if (cert instanceof ArrayBuffer) return new Uint8Array(cert);
  if (typeof cert === 'object' && cert !== null && typeof (cert as RawBytes).clear === 'function') {
    try {
      return Buffer.from(toBase64(cert as RawBytes), 'base64');
    } catch {
      return null; // not this runtime's RawBytes: the reference answers it
    }
  }
  return null;
}

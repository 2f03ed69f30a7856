/** The shape of one loadClientCertificate call, for variants that read it before the reference does. */

export interface CertParams {
  readonly cert?: unknown;
  readonly pass?: unknown;
}

/** The single table argument of a one-argument call, else null (the reference then answers 100/101). */
export function tableOf(args: readonly unknown[]): CertParams | null {
  const table = args[0];
  return args.length === 1 && typeof table === 'object' && table !== null && !Array.isArray(table) ? table as CertParams : null;
}

/** The file's bytes when cert is a base64 string or a byte array; null for other forms. */
export function certBytes(cert: unknown): Uint8Array | null {
  if (typeof cert === 'string') return Buffer.from(cert, 'base64');
  if (cert instanceof Uint8Array) return cert;
  if (cert instanceof ArrayBuffer) return new Uint8Array(cert);
  return null;
}

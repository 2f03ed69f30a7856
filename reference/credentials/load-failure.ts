/**
 * Why a loadClientCertificate call returned false. The API itself only answers false; the
 * reference keeps the reason for lastLoadFailure() (listed in reference/README.md).
 */
import type { LoadFailure } from '../runtime/contract.js';
import { ReferenceLayerError } from '../runtime/reference-error.js';

/** Codes of the reference's own load failures; decoder failures keep the decoder's PKCS12_* code. */
export const LoadFailureCode = {
  /** The cert string was empty (or only whitespace), or the RawBytes held no bytes. */
  empty: 'CERT_EMPTY',
  /** The cert string is not base64 in a form the reference accepts (docs/decisions.md). */
  badBase64: 'CERT_BAD_BASE64',
  /** The file decoded, but no TLS context could be built from its identities. */
  unusable: 'CERT_UNUSABLE',
  /** Anything else the decoder threw without a code (a reference bug if it ever shows). */
  unexpected: 'CERT_LOAD_FAILED',
} as const;

/** A load failure carried as an error, so each stage can throw it and the facade catch it. */
export class CertificateLoadError extends ReferenceLayerError implements LoadFailure {
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Turns whatever a stage threw into a {code, message} without leaking key material. */
export function toLoadFailure(error: unknown): LoadFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : 'the certificate could not be loaded';
  if (typeof code === 'string' && /^(PKCS12|CERT|RUNTIME)_[A-Z0-9_]+$/.test(code)) return { code, message };
  return { code: LoadFailureCode.unexpected, message };
}

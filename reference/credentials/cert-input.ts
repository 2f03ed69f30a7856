/**
 * Turns the `cert` value of loadClientCertificate into bytes. RawBytes (and, a reference
 * decision, a Uint8Array or ArrayBuffer) are copied at the call; strings are base64 in the
 * forms decided in docs/decisions.md (standard alphabet, padding optional, whitespace ignored;
 * URL-safe, data: URIs and PEM armour rejected).
 */
import { bytesOfByteInput } from '../raw-bytes/raw-bytes.js';
import { CertificateLoadError, LoadFailureCode } from './load-failure.js';

const STANDARD = /^[A-Za-z0-9+/]*$/;

export function decodeCertInput(cert: unknown): Uint8Array {
  // A copy: the app may clear its RawBytes (or reuse its buffer) once the call returns.
  const bytes = typeof cert === 'string' ? decodeBase64Cert(cert) : bytesOfByteInput(cert);
  if (bytes === null) throw new CertificateLoadError(LoadFailureCode.unexpected, 'the certificate is neither bytes nor a string');
  if (bytes.length === 0) throw new CertificateLoadError(LoadFailureCode.empty, 'the certificate holds no bytes');
  return bytes;
}

export function decodeBase64Cert(text: string): Uint8Array {
  // Line-wrapped output of `base64` / `openssl base64` is common: ASCII whitespace is ignored.
  const clean = text.replace(/[ \t\r\n\f\v]+/g, '');
  if (clean.length === 0) throw new CertificateLoadError(LoadFailureCode.empty, 'the base64 certificate string is empty');
  const unpadded = stripPadding(clean);
  if (!STANDARD.test(unpadded)) {
    throw new CertificateLoadError(LoadFailureCode.badBase64, 'the certificate string holds characters outside the base64 alphabet');
  }
  if (unpadded.length % 4 === 1) {
    throw new CertificateLoadError(LoadFailureCode.badBase64, 'the certificate string has an impossible base64 length');
  }
  return new Uint8Array(Buffer.from(unpadded, 'base64'));
}

/** Removes trailing '=' when they are proper padding; anything else is left to fail the alphabet test. */
function stripPadding(text: string): string {
  const match = /=+$/.exec(text);
  if (!match) return text;
  const body = text.slice(0, match.index);
  const pads = match[0].length;
  if (pads > 2 || (body.length + pads) % 4 !== 0) {
    throw new CertificateLoadError(LoadFailureCode.badBase64, 'the certificate string has misplaced base64 padding');
  }
  return body;
}

/**
 * Argument checks of loadClientCertificate, in the order the documented errors imply:
 * first the count (101), then the types (100). Decisions in docs/decisions.md.
 */
import type { ClientCertificateParams, RawBytes } from '../runtime/contract.js';
import { InvalidParameterTypeError, expectArgumentCount } from '../runtime/voltmx-error.js';

export function parseLoadArguments(args: readonly unknown[]): ClientCertificateParams {
  expectArgumentCount('loadClientCertificate', args.length, 1);
  const table = args[0];
  if (table === null || typeof table !== 'object' || Array.isArray(table) || isRawBytes(table)) {
    throw new InvalidParameterTypeError('loadClientCertificate expects a table { cert, pass }');
  }
  const { cert, pass } = table as { cert?: unknown; pass?: unknown };
  if (typeof cert !== 'string' && !isRawBytes(cert)) {
    throw new InvalidParameterTypeError('cert must be RawBytes (Uint8Array or ArrayBuffer) or a base64 string');
  }
  // No default for a missing pass: "" is the documented way to say "no password".
  if (typeof pass !== 'string') throw new InvalidParameterTypeError('pass must be a string ("" for no password)');
  return { cert, pass };
}

/** RawBytes as the contract defines them: a Uint8Array (Buffer included) or an ArrayBuffer. */
export function isRawBytes(value: unknown): value is RawBytes {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

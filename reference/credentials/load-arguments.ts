/**
 * Argument checks of loadClientCertificate, in the order the documented errors imply:
 * first the count (101), then the types (100). Decisions in docs/decisions.md.
 */
import type { ClientCertificateParams } from '../runtime/contract.js';
import { InvalidParameterTypeError, expectArgumentCount } from '../runtime/voltmx-error.js';
import { isByteInput } from '../raw-bytes/raw-bytes.js';

export function parseLoadArguments(args: readonly unknown[]): ClientCertificateParams {
  expectArgumentCount('loadClientCertificate', args.length, 1);
  const table = args[0];
  if (table === null || typeof table !== 'object' || Array.isArray(table) || isByteInput(table)) {
    throw new InvalidParameterTypeError('loadClientCertificate expects a table { cert, pass }');
  }
  const { cert, pass } = table as { cert?: unknown; pass?: unknown };
  if (typeof cert !== 'string' && !isByteInput(cert)) {
    throw new InvalidParameterTypeError('cert must be RawBytes or a base64 string');
  }
  // No default for a missing pass: "" is the documented way to say "no password".
  if (typeof pass !== 'string') throw new InvalidParameterTypeError('pass must be a string ("" for no password)');
  return { cert: cert as ClientCertificateParams['cert'], pass };
}

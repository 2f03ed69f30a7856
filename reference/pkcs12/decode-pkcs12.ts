/** decodePkcs12: a PKCS#12 file and its password to client identities, or a Pkcs12Error. */
import type { Pkcs12Contents } from '../credentials/client-identity.js';
import { DerError } from '../asn1/der-reader.js';
import { Pkcs12Error, Pkcs12MalformedError } from './errors.js';
import { buildContents } from './identities.js';
import { DecodeBudget, DEFAULT_PKCS12_LIMITS, type Pkcs12Limits } from './limits.js';
import { readPfx } from './pfx-reader.js';

/**
 * Decodes every identity of the file (Node's `pfx` option keeps only the first and refuses
 * RC2). Throws only Pkcs12Error subclasses: parser and crypto errors become PKCS12_MALFORMED;
 * a file over a bound of `limits` is PKCS12_LIMIT_EXCEEDED or PKCS12_ITERATION_LIMIT.
 */
export function decodePkcs12(data: Uint8Array, password: string, limits: Pkcs12Limits = DEFAULT_PKCS12_LIMITS): Pkcs12Contents {
  try {
    if (!(data instanceof Uint8Array)) throw new Pkcs12MalformedError('the input is not bytes');
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const budget = new DecodeBudget(limits);
    return buildContents(readPfx(buffer, String(password), budget), budget);
  } catch (error) {
    if (error instanceof Pkcs12Error) throw error;
    // DerError messages name tags only; crypto errors' messages are not repeated (no key material).
    throw new Pkcs12MalformedError(error instanceof DerError ? error.message : undefined, { cause: error });
  }
}

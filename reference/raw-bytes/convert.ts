/**
 * voltmx.convertToRawBytes(base64) and voltmx.convertToBase64(rawBytes). Decoding follows the
 * base64 rules the reference applies to a `cert` string (D2), so the two paths agree.
 */
import type { RawBytes } from '../runtime/contract.js';
import { InvalidParameterTypeError, expectArgumentCount } from '../runtime/voltmx-error.js';
import { decodeBase64Cert } from '../credentials/cert-input.js';
import { bytesOfRawBytes, rawBytesOf } from './raw-bytes.js';

/** RawBytes of the decoded text; text that is not base64 in an accepted form is 100 (D13). */
export function convertToRawBytes(...args: unknown[]): RawBytes {
  expectArgumentCount('convertToRawBytes', args.length, 1);
  const text = args[0];
  if (typeof text !== 'string') throw new InvalidParameterTypeError('convertToRawBytes takes a base64 string');
  if (text.replace(/[ \t\r\n\f\v]+/g, '') === '') return rawBytesOf(new Uint8Array(0));
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64Cert(text);
  } catch (error) {
    throw new InvalidParameterTypeError(`convertToRawBytes: ${(error as Error).message}`);
  }
  return rawBytesOf(bytes);
}

/** Standard, padded base64 of the content of a RawBytes (of any launch of the reference). */
export function convertToBase64(...args: unknown[]): string {
  expectArgumentCount('convertToBase64', args.length, 1);
  const bytes = bytesOfRawBytes(args[0]);
  if (!bytes) throw new InvalidParameterTypeError('convertToBase64 takes RawBytes');
  return Buffer.from(bytes).toString('base64');
}

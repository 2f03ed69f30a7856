/**
 * What send(data) puts on the wire: FormData (multipart), URLSearchParams (urlencoded),
 * RawBytes, a string (UTF-8) or a JSON object. The content type is only a default: a
 * Content-Type the app set wins.
 */
import { InvalidParameterTypeError } from '../../runtime/voltmx-error.js';
import { bytesOfByteInput } from '../../raw-bytes/raw-bytes.js';

export interface EncodedBody {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

export async function encodeBody(data: unknown): Promise<EncodedBody | null> {
  if (data === undefined || data === null) return null;
  if (typeof data === 'string') return { bytes: Buffer.from(data, 'utf8'), contentType: 'text/plain;charset=UTF-8' };
  // RawBytes (and, a reference decision, a Uint8Array or ArrayBuffer) go as they are.
  const bytes = bytesOfByteInput(data);
  if (bytes) return { bytes, contentType: 'application/octet-stream' };
  if (data instanceof FormData || data instanceof URLSearchParams) {
    // Response builds the multipart boundary exactly as fetch would.
    const response = new Response(data);
    return {
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  }
  if (typeof data === 'object') {
    return { bytes: Buffer.from(JSON.stringify(data), 'utf8'), contentType: 'application/json;charset=UTF-8' };
  }
  throw new InvalidParameterTypeError('send() takes FormData, RawBytes, a JSON object or a string');
}

/** Checked synchronously in send(), so a wrong type throws 100 to the caller. */
export function isSendable(data: unknown): boolean {
  return data === undefined || data === null || typeof data === 'string' || typeof data === 'object';
}

/**
 * The `response` of a finished request, typed by responseType; when responseType is "" the
 * content type chooses. "rawdata" is a RawBytes; "document" has no DOM in the reference: it
 * yields the text.
 */
import { rawBytesOf } from '../../raw-bytes/raw-bytes.js';

export const RESPONSE_TYPES = ['', 'text', 'json', 'document', 'rawdata'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

export function typedResponse(body: Buffer, responseType: ResponseType, contentType: string | undefined): unknown {
  const type = responseType === '' ? typeFromContentType(contentType) : responseType;
  switch (type) {
    case 'json':
      return parseJson(body.toString('utf8'));
    case 'rawdata':
      return rawBytesOf(body);
    default:
      return body.toString('utf8');
  }
}

export function typeFromContentType(contentType: string | undefined): 'json' | 'text' | 'rawdata' {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mime === 'application/json' || mime.endsWith('+json')) return 'json';
  if (mime === '' || mime.startsWith('text/') || mime.endsWith('/xml') || mime.endsWith('+xml')
    || mime === 'application/javascript' || mime === 'application/x-www-form-urlencoded') return 'text';
  return 'rawdata';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

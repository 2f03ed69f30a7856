/** Response headers as getAllResponseHeaders / getResponseHeader show them: never Set-Cookie. */
import type { IncomingHttpHeaders } from 'node:http';

const HIDDEN = new Set(['set-cookie', 'set-cookie2']);

export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const key = name.toLowerCase();
  if (HIDDEN.has(key)) return null;
  const value = headers[key];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** "name: value\r\n" lines, names lower-cased and sorted, as XMLHttpRequest does. */
export function allHeaders(headers: IncomingHttpHeaders): string {
  return Object.keys(headers)
    .filter((key) => !HIDDEN.has(key))
    .sort()
    .map((key) => `${key}: ${headerValue(headers, key)}\r\n`)
    .join('');
}

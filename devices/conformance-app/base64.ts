/**
 * Base64 helpers written in plain JS, because the app module may use only what a voltmx app
 * has. A real Volt MX app would call voltmx.convertToBase64(rawBytes) and
 * voltmx.convertToRawBytes(base64) instead (see docs/app-contract.md).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

export class InvalidBase64Error extends Error {
  readonly code = 'APP_INVALID_BASE64';
  constructor(message = 'the text is not valid base64') {
    super(message);
    this.name = 'InvalidBase64Error';
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Strict decoding; whitespace (PEM-style line breaks) is ignored, anything else invalid throws. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0) throw new InvalidBase64Error('base64 length is not a multiple of 4');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = clean[i + j];
      const isPad = ch === '=' && i + j >= clean.length - padding;
      const v = isPad ? 0 : LOOKUP.get(ch);
      if (v === undefined) throw new InvalidBase64Error(`invalid base64 character at ${i + j}`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** voltmx RawBytes may arrive as a Uint8Array or an ArrayBuffer. */
export function toUint8Array(raw: Uint8Array | ArrayBuffer): Uint8Array {
  return raw instanceof Uint8Array ? raw : new Uint8Array(raw);
}

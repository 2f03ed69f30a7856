/**
 * BER -> definite-length encoding, for the DER reader. NSS (pk12util) writes PKCS#12 files
 * with indefinite lengths and constructed OCTET STRINGs; this rewrites one encoding with
 * definite lengths only and each constructed OCTET STRING (0x24) as one primitive OCTET
 * STRING holding the concatenated parts. Input that uses neither is returned unchanged (the
 * same Buffer), so DER files pay one scan and no copy.
 *
 * Safe on hostile input: DER (every producer but NSS) is checked by one allocation-free scan
 * and returned as it is; only BER builds a tree, bounded in elements (BerLimitError) and in
 * nesting (MAX_BER_DEPTH), parsed and written in one linear pass each, every length checked
 * against the input. Truncation or a missing end-of-contents is a DerError.
 */
import { DerError } from './der-reader.js';
import { ReferenceLayerError } from '../runtime/reference-error.js';

/** Levels of nesting allowed: far deeper than any PKCS#12 structure (about 10 levels), shallow enough for the stack. */
export const MAX_BER_DEPTH = 64;

/** Elements a BER encoding may have before its rewrite is refused (an NSS file has a few hundred). */
export const MAX_BER_ELEMENTS = 100_000;

/** A BER encoding with more elements than the caller allows: refused before its tree is built. */
export class BerLimitError extends ReferenceLayerError {
  readonly code = 'BER_LIMIT';
  constructor(readonly limit: number) {
    super(`the BER encoding has more than ${limit} elements`);
  }
}

const CONSTRUCTED = 0x20;
const OCTET_STRING = 0x04;
const CONSTRUCTED_OCTET_STRING = OCTET_STRING | CONSTRUCTED;

interface BerNode {
  readonly tag: number;
  /** Primitive content (a view), or for a constructed OCTET STRING: its parts' content. */
  readonly content: Buffer[] | null;
  readonly children: BerNode[] | null;
  /** Length of the content octets once re-encoded. */
  contentLength: number;
}

/** Returns `input` itself when it holds no BER-only form, else the definite-length re-encoding. */
export function normalizeBer(input: Buffer, maxElements = MAX_BER_ELEMENTS): Buffer {
  if (!usesBer(input)) return input;
  const parser = new BerParser(input, maxElements);
  const { node, end } = parser.parse(0, 0);
  if (end !== input.length) throw new DerError('trailing data after DER value');
  if (!parser.sawBer) return input;
  const out = Buffer.allocUnsafe(encodedLength(node));
  const written = write(node, out, 0);
  if (written !== out.length) throw new DerError('BER re-encoding length mismatch'); // a bug, not input
  return out;
}

/**
 * Walks a definite-length encoding without allocating: true at the first BER-only form
 * (indefinite length, constructed OCTET STRING). DER is fully validated here, so the caller can
 * hand it on unchanged; anything malformed is a DerError.
 */
function usesBer(input: Buffer): boolean {
  const scan = (offset: number, depth: number): number => {
    if (depth >= MAX_BER_DEPTH) throw new DerError('nested too deeply');
    if (offset + 2 > input.length) throw new DerError('truncated header');
    const tag = input[offset]!;
    if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
    let length = input[offset + 1]!;
    let start = offset + 2;
    if (length === 0x80) {
      if (!(tag & CONSTRUCTED)) throw new DerError('indefinite length on a primitive value');
      return -1;
    }
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count > 4) throw new DerError('length too large');
      if (start + count > input.length) throw new DerError('truncated length');
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + input[start + i]!;
      start += count;
    }
    const end = start + length;
    if (end > input.length) throw new DerError('truncated value');
    if (!(tag & CONSTRUCTED)) return end;
    if (tag === CONSTRUCTED_OCTET_STRING) return -1;
    for (let cursor = start; cursor < end;) {
      cursor = scan(cursor, depth + 1);
      if (cursor < 0) return -1;
      if (cursor > end) throw new DerError('truncated value');
    }
    return end;
  };
  const end = scan(0, 0);
  if (end < 0) return true;
  if (end !== input.length) throw new DerError('trailing data after DER value');
  return false;
}

class BerParser {
  sawBer = false;
  private elements = 0;
  constructor(private readonly input: Buffer, private readonly maxElements: number) {}

  parse(offset: number, depth: number): { node: BerNode; end: number } {
    if (depth >= MAX_BER_DEPTH) throw new DerError('nested too deeply');
    if (++this.elements > this.maxElements) throw new BerLimitError(this.maxElements);
    const input = this.input;
    if (offset + 2 > input.length) throw new DerError('truncated header');
    const tag = input[offset]!;
    if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
    let length = input[offset + 1]!;
    let start = offset + 2;
    let indefinite = false;
    if (length === 0x80) {
      if (!(tag & CONSTRUCTED)) throw new DerError('indefinite length on a primitive value');
      indefinite = true;
      this.sawBer = true;
    } else if (length & 0x80) {
      const count = length & 0x7f;
      if (count > 4) throw new DerError('length too large');
      if (start + count > input.length) throw new DerError('truncated length');
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + input[start + i]!;
      start += count;
    }
    if (!(tag & CONSTRUCTED)) {
      const end = start + length;
      if (end > input.length) throw new DerError('truncated value');
      return { node: { tag, content: [input.subarray(start, end)], children: null, contentLength: length }, end };
    }
    const limit = indefinite ? input.length : start + length;
    if (limit > input.length) throw new DerError('truncated value');
    const children: BerNode[] = [];
    let cursor = start;
    for (;;) {
      if (indefinite) {
        if (cursor + 2 > limit) throw new DerError('missing end-of-contents');
        if (input[cursor] === 0 && input[cursor + 1] === 0) {
          cursor += 2;
          break;
        }
      } else if (cursor >= limit) {
        break;
      }
      const child = this.parse(cursor, depth + 1);
      if (child.end > limit) throw new DerError('truncated value');
      children.push(child.node);
      cursor = child.end;
    }
    if (tag === CONSTRUCTED_OCTET_STRING) {
      this.sawBer = true;
      const parts: Buffer[] = [];
      for (const child of children) {
        if (child.tag !== OCTET_STRING && child.tag !== CONSTRUCTED_OCTET_STRING) throw new DerError('constructed OCTET STRING with a non-OCTET STRING part');
        for (const part of child.content!) parts.push(part); // no spread: part counts can be large
      }
      return { node: { tag: OCTET_STRING, content: parts, children: null, contentLength: sum(parts) }, end: cursor };
    }
    let contentLength = 0;
    for (const child of children) contentLength += encodedLength(child);
    return { node: { tag, content: null, children, contentLength }, end: cursor };
  }
}

function sum(parts: readonly Buffer[]): number {
  let total = 0;
  for (const part of parts) total += part.length;
  return total;
}

function lengthOfLength(length: number): number {
  if (length < 0x80) return 1;
  let bytes = 0;
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes++;
  return 1 + bytes;
}

function encodedLength(node: BerNode): number {
  return 1 + lengthOfLength(node.contentLength) + node.contentLength;
}

function write(node: BerNode, out: Buffer, offset: number): number {
  out[offset++] = node.tag;
  const length = node.contentLength;
  if (length < 0x80) {
    out[offset++] = length;
  } else {
    const bytes = lengthOfLength(length) - 1;
    out[offset++] = 0x80 | bytes;
    for (let i = bytes - 1; i >= 0; i--) out[offset++] = Math.floor(length / 256 ** i) % 256;
  }
  if (node.children) {
    for (const child of node.children) offset = write(child, out, offset);
  } else {
    for (const part of node.content!) offset += part.copy(out, offset);
  }
  return offset;
}

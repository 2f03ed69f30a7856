import { ReferenceLayerError } from '../runtime/reference-error.js';

/**
 * A minimal DER reader: enough to walk PKCS#12, PKCS#8, X.509 and TLS DistinguishedName
 * structures without copying. Nodes are views into the input buffer.
 */
export class DerError extends ReferenceLayerError {
  readonly code = 'DER_MALFORMED';
  constructor(message: string) {
    super(message);
  }
}

export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number for low tags). */
  readonly tag: number;
  /** The whole encoding, header included (what signatures and DN comparisons need). */
  readonly raw: Buffer;
  /** The content octets. */
  readonly value: Buffer;
}

export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
  /** [0] constructed, context-specific */
  CONTEXT_0: 0xa0,
  CONTEXT_1: 0xa1,
  CONTEXT_3: 0xa3,
} as const;

/** Reads one TLV at `offset`. Rejects indefinite lengths (BER) unless `allowIndefinite`. */
export function readNode(input: Buffer, offset = 0): DerNode {
  if (offset + 2 > input.length) throw new DerError('truncated header');
  const tag = input[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let length = input[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError('indefinite length');
    if (count > 4) throw new DerError('length too large');
    if (offset + 2 + count > input.length) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + input[offset + 2 + i]!;
    header += count;
  }
  const end = offset + header + length;
  if (end > input.length) throw new DerError('truncated value');
  return {
    tag,
    raw: input.subarray(offset, end),
    value: input.subarray(offset + header, end),
  };
}

/** The children of a constructed node. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let offset = 0;
  while (offset < node.value.length) {
    const child = readNode(node.value, offset);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}

/**
 * The children of a constructed node one at a time, so a caller that counts them can stop at
 * its bound before a million-element list exists.
 */
export function* eachChild(node: DerNode): Generator<DerNode, void, undefined> {
  let offset = 0;
  while (offset < node.value.length) {
    const child = readNode(node.value, offset);
    yield child;
    offset += child.raw.length;
  }
}

/** Reads exactly one node spanning the whole buffer. */
export function parseDer(input: Buffer | Uint8Array): DerNode {
  const buffer = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const node = readNode(buffer, 0);
  if (node.raw.length !== buffer.length) throw new DerError('trailing data after DER value');
  return node;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) {
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, got ${node ? '0x' + node.tag.toString(16) : 'nothing'}`);
  }
  return node;
}

/** Dotted-decimal form of an OBJECT IDENTIFIER. */
export function decodeOid(node: DerNode): string {
  expectTag(node, Tag.OID, 'object identifier');
  const bytes = node.value;
  if (bytes.length === 0) throw new DerError('empty object identifier');
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    value = value * 128 + (bytes[i]! & 0x7f);
    if (!(bytes[i]! & 0x80)) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

/** A non-negative INTEGER that fits in a JS number (iteration counts, versions). */
export function decodeSmallInteger(node: DerNode): number {
  expectTag(node, Tag.INTEGER, 'integer');
  if (node.value.length === 0 || node.value.length > 6) throw new DerError('integer out of range');
  if (node.value[0]! & 0x80) throw new DerError('negative integer');
  return node.value.readUIntBE(0, node.value.length);
}

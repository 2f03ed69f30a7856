/**
 * A minimal DER writer: just the universal types X.509 and PKCS#12 need.
 * servers/ keeps its own (never reference/'s reader) so a DER bug cannot hide on both sides.
 * Every function returns the complete TLV encoding as a Buffer.
 */
import { PkiInputError } from './errors.js';

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A TLV with a single-octet identifier (all tags used here are < 31). */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

/** SET OF: DER requires the encodings sorted as octet strings. */
export function setOf(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat([...items].sort(Buffer.compare)));
}

export function boolean(value: boolean): Buffer {
  return tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

/** A non-negative INTEGER from a number, a bigint or an unsigned big-endian magnitude. */
export function integer(value: number | bigint | Buffer): Buffer {
  let magnitude: Buffer;
  if (Buffer.isBuffer(value)) {
    magnitude = value;
  } else {
    const big = BigInt(value);
    if (big < 0n) throw new PkiInputError('negative INTEGER values are not supported');
    const hex = big.toString(16);
    magnitude = Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
  }
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  let content = magnitude.subarray(start);
  if (content.length === 0) content = Buffer.from([0]);
  // A set high bit would read as negative: prefix a zero octet.
  if (content[0]! & 0x80) content = Buffer.concat([Buffer.from([0]), content]);
  return tlv(0x02, content);
}

export function nullValue(): Buffer {
  return Buffer.from([0x05, 0x00]);
}

export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map((arc) => {
    if (!/^\d+$/.test(arc)) throw new PkiInputError(`bad OID arc in ${dotted}`);
    return BigInt(arc);
  });
  if (arcs.length < 2) throw new PkiInputError(`OID needs two arcs: ${dotted}`);
  const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    const group: number[] = [Number(value & 0x7fn)];
    for (let rest = value >> 7n; rest > 0n; rest >>= 7n) group.unshift(Number(rest & 0x7fn) | 0x80);
    bytes.push(...group);
  }
  return tlv(0x06, Buffer.from(bytes));
}

export function octetString(content: Buffer): Buffer {
  return tlv(0x04, content);
}

/** BIT STRING holding whole octets (keys, signatures). */
export function bitString(content: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

/** Named-bit BIT STRING (keyUsage): DER drops trailing zero bits. */
export function namedBits(bits: readonly number[]): Buffer {
  if (bits.length === 0) return bitString(Buffer.alloc(0));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)]! |= 0x80 >> bit % 8;
  return bitString(bytes, 7 - (highest % 8));
}

export function utf8String(value: string): Buffer {
  return tlv(0x0c, Buffer.from(value, 'utf8'));
}

export function printableString(value: string): Buffer {
  return tlv(0x13, Buffer.from(value, 'ascii'));
}

export function ia5String(value: string): Buffer {
  return tlv(0x16, Buffer.from(value, 'ascii'));
}

/** BMPString: UTF-16 big-endian (PKCS#12 friendlyName). */
export function bmpString(value: string): Buffer {
  const le = Buffer.from(value, 'utf16le');
  return tlv(0x1e, le.swap16());
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function timeDigits(date: Date): string {
  return (
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds())
  );
}

export function utcTime(date: Date): Buffer {
  return tlv(0x17, Buffer.from(`${pad(date.getUTCFullYear() % 100)}${timeDigits(date)}Z`, 'ascii'));
}

export function generalizedTime(date: Date): Buffer {
  return tlv(0x18, Buffer.from(`${pad(date.getUTCFullYear(), 4)}${timeDigits(date)}Z`, 'ascii'));
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950). */
export function x509Time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? utcTime(date) : generalizedTime(date);
}

/** [n] EXPLICIT: a constructed wrapper around a whole encoding. */
export function explicit(tagNumber: number, inner: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, inner);
}

/** [n] IMPLICIT over primitive content octets (GeneralName dNSName, iPAddress, AKI keyIdentifier). */
export function implicitPrimitive(tagNumber: number, content: Buffer): Buffer {
  return tlv(0x80 | tagNumber, content);
}

/** [n] IMPLICIT over constructed content octets. */
export function implicitConstructed(tagNumber: number, content: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, content);
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

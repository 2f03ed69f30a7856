/**
 * Distinguished names printed as the judges print them. distinguishedNameText: a DER
 * DistinguishedName off the wire (a CertificateRequest's CA list), printed as OpenSSL
 * prints it with -nameopt RFC2253 (XN_FLAG_RFC2253): last RDN first, short names, multi-valued
 * RDNs joined with '+', RFC 2253 escapes, control and non-ASCII bytes as \XX, values of
 * unknown attributes or non-string types as #<DER hex>.
 */
import { HandshakeReadError } from './handshake-errors.js';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN', '2.5.4.4': 'SN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST',
  '2.5.4.9': 'street', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.12': 'title', '2.5.4.13': 'description',
  '2.5.4.17': 'postalCode', '2.5.4.41': 'name', '2.5.4.42': 'GN', '2.5.4.43': 'initials', '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier', '2.5.4.65': 'pseudonym', '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID', '0.9.2342.19200300.100.1.25': 'DC', '1.2.840.113549.1.9.1': 'emailAddress',
};

/** ASN.1 string tags and how their content becomes code points. */
const STRING_TAGS: Readonly<Record<number, 'utf8' | 'latin1' | 'ucs2' | 'ucs4'>> = {
  0x0c: 'utf8', 0x12: 'latin1', 0x13: 'latin1', 0x14: 'latin1', 0x16: 'latin1', 0x1a: 'latin1', 0x1e: 'ucs2', 0x1c: 'ucs4',
};

interface Tlv { readonly tag: number; readonly start: number; readonly content: Buffer; readonly end: number }

function tlv(der: Buffer, at: number): Tlv {
  if (at + 2 > der.length) throw new HandshakeReadError('MALFORMED', 'DER: truncated header');
  const tag = der[at]!;
  let length = der[at + 1]!;
  let offset = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 3 || offset + bytes > der.length) throw new HandshakeReadError('MALFORMED', 'DER: bad length');
    length = der.readUIntBE(offset, bytes);
    offset += bytes;
  }
  if (offset + length > der.length) throw new HandshakeReadError('MALFORMED', 'DER: truncated value');
  return { tag, start: at, content: der.subarray(offset, offset + length), end: offset + length };
}

function children(content: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < content.length;) {
    const item = tlv(content, at);
    out.push(item);
    at = item.end;
  }
  return out;
}

function oidText(content: Buffer): string {
  if (content.length === 0) throw new HandshakeReadError('MALFORMED', 'DER: empty OID');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) { arcs.push(value); value = 0; }
  }
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

function hex(bytes: Buffer): string {
  return bytes.toString('hex').toUpperCase();
}

function codePoints(tag: number, content: Buffer): number[] {
  const kind = STRING_TAGS[tag];
  if (kind === 'utf8') return [...content.toString('utf8')].map((c) => c.codePointAt(0)!);
  if (kind === 'latin1') return [...content];
  const width = kind === 'ucs2' ? 2 : 4;
  if (content.length % width !== 0) throw new HandshakeReadError('MALFORMED', 'DER: odd BMP/Universal string');
  const out: number[] = [];
  for (let i = 0; i < content.length; i += width) out.push(width === 2 ? content.readUInt16BE(i) : content.readUInt32BE(i));
  return out;
}

/** OpenSSL's do_esc_char with ASN1_STRFLGS_RFC2253 (ESC_2253 | ESC_CTRL | ESC_MSB | UTF8_CONVERT). */
function escapeValue(points: readonly number[]): string {
  let out = '';
  points.forEach((point, i) => {
    if (point > 0x7e || point < 0x20) {
      for (const byte of Buffer.from(String.fromCodePoint(point), 'utf8')) out += `\\${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      return;
    }
    const ch = String.fromCharCode(point);
    const edge = (ch === ' ' && (i === 0 || i === points.length - 1)) || (ch === '#' && i === 0);
    out += ',+"\\<>;'.includes(ch) || edge ? `\\${ch}` : ch;
  });
  return out;
}

/** One DER-encoded Name as OpenSSL's RFC 2253 printing shows it. */
export function distinguishedNameText(der: Buffer): string {
  const name = tlv(der, 0);
  if (name.tag !== 0x30 || name.end !== der.length) throw new HandshakeReadError('MALFORMED', 'DER: a Name is a SEQUENCE');
  const entries: { text: string; set: number }[] = [];
  children(name.content).forEach((rdn, set) => {
    if (rdn.tag !== 0x31) throw new HandshakeReadError('MALFORMED', 'DER: an RDN is a SET');
    for (const attribute of children(rdn.content)) {
      const [type, value] = children(attribute.content);
      if (attribute.tag !== 0x30 || !type || type.tag !== 0x06 || !value) throw new HandshakeReadError('MALFORMED', 'DER: bad attribute');
      const oid = oidText(type.content);
      const short = SHORT_NAMES[oid];
      const known = short !== undefined && STRING_TAGS[value.tag] !== undefined;
      const shown = known ? escapeValue(codePoints(value.tag, value.content)) : `#${hex(attribute.content.subarray(value.start, value.end))}`;
      entries.push({ text: `${short ?? oid}=${shown}`, set });
    }
  });
  entries.reverse();
  return entries.map((e, i) => (i === 0 ? '' : e.set === entries[i - 1]!.set ? '+' : ',') + e.text).join('');
}

/**
 * Node prints names one RDN per line, in certificate order, already escaped per RFC 2253;
 * nginx ($ssl_client_s_dn since 1.11.6) prints them reversed, comma-separated, with bytes
 * above 0x7F escaped as \XX (ASN1_STRFLGS_ESC_MSB).
 */
export function rfc2253(multiline: string): string {
  return multiline
    .split('\n')
    .filter((line) => line !== '')
    .reverse()
    // XN_FLAG_DN_REV reverses every entry, so the members of a multi-valued RDN too.
    .map((rdn) => escapeHighBytes(rdn.split(' + ').reverse().join('+')))
    .join(',');
}

function escapeHighBytes(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) { out += ch; continue; }
    for (const byte of Buffer.from(ch, 'utf8')) out += `\\${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * X.500 names compared the way Android does: Conscrypt's KeyManagerImpl wraps the advertised CA
 * names and the chain's issuers in X500Principal, whose equals() compares canonical forms
 * (libcore org.apache.harmony.security.x501.Name.getName0(CANONICAL), AttributeValue.makeCanonical):
 * values of directory-string type (TeletexString, PrintableString, UniversalString, UTF8String,
 * BMPString) as text with runs of spaces collapsed and outer spaces dropped, any other value as
 * the hex of its DER; multi-valued RDNs sorted; the whole lower-cased. So an issuer written as
 * UTF8String matches a PrintableString subject, and letter case does not matter.
 */
import { children, decodeOid, DerError, expectTag, parseDer, Tag, type DerNode } from '../asn1/der-reader.js';

const TELETEX_STRING = 0x14;
const UNIVERSAL_STRING = 0x1c;

/** Text of a directory-string value, or undefined for any other type (then compared as hex). */
function directoryString(node: DerNode): string | undefined {
  switch (node.tag) {
    case Tag.PRINTABLE_STRING:
    case Tag.UTF8_STRING:
      return node.value.toString('utf8');
    case TELETEX_STRING:
      return node.value.toString('latin1');
    case Tag.BMP_STRING:
      if (node.value.length % 2 !== 0) throw new DerError('BMPString: odd length');
      return Buffer.from(node.value).swap16().toString('utf16le');
    case UNIVERSAL_STRING: {
      if (node.value.length % 4 !== 0) throw new DerError('UniversalString: length not a multiple of 4');
      let text = '';
      for (let i = 0; i < node.value.length; i += 4) text += String.fromCodePoint(node.value.readUInt32BE(i));
      return text;
    }
    default:
      return undefined;
  }
}

/** makeCanonical: collapse runs of spaces, drop leading and trailing ones, escape RFC 2253 specials. */
function canonicalText(text: string): string {
  let out = text.startsWith('#') ? '\\#' : '';
  for (const ch of text.startsWith('#') ? text.slice(1) : text) {
    if (ch === ' ') {
      if (out.length > 0 && !out.endsWith(' ')) out += ' ';
    } else {
      out += '"\\,+<>;'.includes(ch) ? `\\${ch}` : ch;
    }
  }
  return out.replace(/ +$/, '');
}

function canonicalAttribute(ava: DerNode): string {
  const [type, value] = children(expectTag(ava, Tag.SEQUENCE, 'AttributeTypeAndValue'));
  if (!type || !value) throw new DerError('AttributeTypeAndValue: missing type or value');
  const text = directoryString(value);
  return `${decodeOid(type)}=${text === undefined ? `#${value.raw.toString('hex')}` : canonicalText(text)}`;
}

/** Canonical form of a DER Name (the same for names X500Principal.equals calls equal). */
export function canonicalName(der: Buffer): string {
  const rdns = children(expectTag(parseDer(der), Tag.SEQUENCE, 'Name'));
  // Harmony prints the last RDN first; the order only has to be the same on both sides.
  return rdns
    .map((rdn) => children(expectTag(rdn, Tag.SET, 'RelativeDistinguishedName')).map(canonicalAttribute).sort().join('+'))
    .reverse()
    .join(',')
    .toLowerCase();
}

/** X500Principal.equals on two DER names. A name that does not parse equals only its own bytes. */
export function sameX500Name(a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return true;
  try {
    return canonicalName(a) === canonicalName(b);
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
}

/**
 * Distinguished names kept to CN and O (UTF8String) so that every backend prints them alike.
 * Encoded O first, CN last: RFC 2253 output (nginx's $ssl_client_s_dn) lists the last RDN first,
 * which gives "CN=<cn>,O=<o>".
 */
import { objectIdentifier, printableString, sequence, setOf, utf8String } from './der-writer.js';
import { PkiInputError } from './errors.js';
import { Oid } from './oids.js';

export interface DistinguishedName {
  readonly commonName: string;
  readonly organization: string;
}

// Values needing RFC 2253 escaping would make printed forms differ between tools: refuse them.
const SAFE_VALUE = /^[A-Za-z0-9][A-Za-z0-9 ._@()-]*$/;

function checkValue(value: string): string {
  if (!SAFE_VALUE.test(value) || value.endsWith(' ')) {
    throw new PkiInputError(`DN value "${value}" needs escaping; keep test names simple`);
  }
  return value;
}

/**
 * How a name is written: UTF8String (default) or PrintableString values. A certificate's issuer
 * written differently from its CA's subject is still the same X.500 name (OpenSSL chains it,
 * Android's X500Principal matches it); a client comparing bytes does not.
 */
export type NameStringType = 'utf8' | 'printable';

// PrintableString's alphabet (X.680 41.4), within SAFE_VALUE.
const PRINTABLE_VALUE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function rdn(oid: string, value: string, stringType: NameStringType): Buffer {
  checkValue(value);
  if (stringType === 'printable' && !PRINTABLE_VALUE.test(value)) {
    throw new PkiInputError(`DN value "${value}" is not a PrintableString`);
  }
  return setOf(sequence(objectIdentifier(oid), stringType === 'printable' ? printableString(value) : utf8String(value)));
}

export function encodeName(name: DistinguishedName, stringType: NameStringType = 'utf8'): Buffer {
  return sequence(rdn(Oid.organizationName, name.organization, stringType), rdn(Oid.commonName, name.commonName, stringType));
}

/** The same name in upper case (another spelling of the same X.500 name). */
export function upperCaseName(name: DistinguishedName): DistinguishedName {
  return { commonName: name.commonName.toUpperCase(), organization: name.organization.toUpperCase() };
}

/** RFC 2253 form, as OpenSSL's XN_FLAG_RFC2253 (used by nginx) prints it. */
export function formatRfc2253(name: DistinguishedName): string {
  return `CN=${checkValue(name.commonName)},O=${checkValue(name.organization)}`;
}

/**
 * Distinguished names kept to CN and O (UTF8String) so that every backend prints them alike.
 * Encoded O first, CN last: RFC 2253 output (nginx's $ssl_client_s_dn) lists the last RDN first,
 * which gives "CN=<cn>,O=<o>".
 */
import { objectIdentifier, sequence, setOf, utf8String } from './der-writer.js';
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

function rdn(oid: string, value: string): Buffer {
  return setOf(sequence(objectIdentifier(oid), utf8String(checkValue(value))));
}

export function encodeName(name: DistinguishedName): Buffer {
  return sequence(rdn(Oid.organizationName, name.organization), rdn(Oid.commonName, name.commonName));
}

/** RFC 2253 form, as OpenSSL's XN_FLAG_RFC2253 (used by nginx) prints it. */
export function formatRfc2253(name: DistinguishedName): string {
  return `CN=${checkValue(name.commonName)},O=${checkValue(name.organization)}`;
}

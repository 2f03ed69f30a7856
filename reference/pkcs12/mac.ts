/** The PFX integrity check: HMAC over the AuthenticatedSafe with a PKCS#12-KDF key (ID=3). */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { children, decodeOid, expectTag, Tag, type DerNode } from '../asn1/der-reader.js';
import { Pkcs12BadPasswordError, Pkcs12MalformedError, Pkcs12UnsupportedAlgorithmError } from './errors.js';
import { digestByOid } from './oids.js';
import type { DecodeBudget } from './limits.js';
import { checkedIterations } from './password-based-decryption.js';
import { KdfPurpose, pkcs12Kdf } from './pkcs12-kdf.js';

const macKeyLength: Record<string, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/**
 * Checks the MAC with each password form in turn; returns the form that matched, so the
 * decryption uses the same one (as OpenSSL does for the empty password).
 */
export function verifyMac(macData: DerNode, authSafe: Buffer, passwordForms: readonly Buffer[], budget: DecodeBudget): Buffer {
  const { digest, expected, salt, iterations } = readMacData(macData, budget);
  for (const form of passwordForms) {
    budget.chargeKdf('pkcs12', digest, iterations, macKeyLength[digest]!);
    const key = pkcs12Kdf(digest, form, salt, KdfPurpose.mac, iterations, macKeyLength[digest]!);
    if (macMatches(digest, key, authSafe, expected)) return form;
  }
  throw new Pkcs12BadPasswordError();
}

function macMatches(digest: string, key: Buffer, authSafe: Buffer, expected: Buffer): boolean {
  const actual = createHmac(digest, key).update(authSafe).digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function readMacData(macData: DerNode, budget: DecodeBudget): { digest: string; expected: Buffer; salt: Buffer; iterations: number } {
  const [digestInfo, saltNode, iterNode] = children(expectTag(macData, Tag.SEQUENCE, 'MacData'));
  const [algorithm, expectedNode] = children(expectTag(digestInfo, Tag.SEQUENCE, 'MAC DigestInfo'));
  const [oidNode, parameters, ...extra] = children(expectTag(algorithm, Tag.SEQUENCE, 'MAC algorithm'));
  const oid = decodeOid(oidNode!);
  // Digest parameters are NULL or absent (RFC 5754): anything else is damage, not a variant.
  if (extra.length > 0 || (parameters && (parameters.tag !== Tag.NULL || parameters.value.length !== 0))) {
    throw new Pkcs12MalformedError('MAC digest algorithm with parameters');
  }
  const digest = digestByOid.get(oid);
  if (!digest) throw new Pkcs12UnsupportedAlgorithmError(oid, 'MAC digest');
  const expected = expectTag(expectedNode, Tag.OCTET_STRING, 'MAC value').value;
  const salt = expectTag(saltNode, Tag.OCTET_STRING, 'MAC salt').value;
  const iterations = iterNode ? checkedIterations(iterNode, budget) : 1;
  return { digest, expected, salt, iterations };
}

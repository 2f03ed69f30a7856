/**
 * Distinguished names taken straight from a certificate's DER. They are compared as X.500
 * names (x500-canonical.ts), as Android does, never byte for byte.
 */
import type { X509Certificate } from 'node:crypto';
import { children, expectTag, parseDer, Tag } from '../asn1/der-reader.js';

function tbsFields(certificate: X509Certificate) {
  const outer = expectTag(parseDer(certificate.raw), Tag.SEQUENCE, 'Certificate');
  const tbs = expectTag(children(outer)[0], Tag.SEQUENCE, 'tbsCertificate');
  const fields = children(tbs);
  // version [0] is optional (absent in v1 certificates).
  return fields[0]?.tag === Tag.CONTEXT_0 ? fields.slice(1) : fields;
}

/** DER of tbsCertificate.issuer. */
export function issuerNameDer(certificate: X509Certificate): Buffer {
  return expectTag(tbsFields(certificate)[2], Tag.SEQUENCE, 'issuer').raw;
}

/** DER of tbsCertificate.subject. */
export function subjectNameDer(certificate: X509Certificate): Buffer {
  return expectTag(tbsFields(certificate)[4], Tag.SEQUENCE, 'subject').raw;
}

import { X509Certificate } from 'node:crypto';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';

/**
 * Verifies a client chain the way OpenSSL 3.0 does for an SSL server, for the one case Node
 * cannot do natively: trusting CAs it must not advertise (Node sends every `ca` name).
 * OpenSSL's verify callback in nginx and Node accepts every error and keeps the LAST one, so
 * the checks run in OpenSSL's order (chain building, purpose, then signatures and validity
 * from the root down) and the last failure wins. Returns a Node-style error code or null.
 */
export function verifyClientChain(
  presented: readonly X509Certificate[],
  trusted: readonly X509Certificate[],
  verifyDepth: number,
  now: Date = new Date(),
): string | null {
  const [leaf, ...extras] = presented;
  if (!leaf) throw new Error('verifyClientChain needs at least the leaf certificate');
  let error: string | null = null;
  const chain: X509Certificate[] = [leaf];
  let anchored = false;
  let usedTrusted = false;
  for (;;) {
    const current = chain[chain.length - 1];
    const isTrusted = usedTrusted || trusted.some((t) => t.raw.equals(current.raw));
    if (isTrusted && selfSigned(current)) { anchored = true; break; }
    const fromStore = trusted.find((t) => issuedBy(current, t));
    if (fromStore && !fromStore.raw.equals(current.raw)) {
      // Without X509_V_FLAG_PARTIAL_CHAIN (nginx never sets it) only a self-signed trusted
      // certificate ends the chain; a trusted intermediate still needs its issuer.
      chain.push(fromStore);
      usedTrusted = true;
      continue;
    }
    if (selfSigned(current)) {
      error = chain.length === 1 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN';
      break;
    }
    const next = usedTrusted ? undefined
      : extras.find((e) => !chain.some((c) => c.raw.equals(e.raw)) && issuedBy(current, e));
    if (!next) { error = usedTrusted ? 'UNABLE_TO_GET_ISSUER_CERT' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'; break; }
    chain.push(next);
  }
  // OpenSSL's depth counts the certificates above the leaf, the trust anchor excluded.
  const untrustedCount = anchored ? chain.length - 1 : chain.length;
  if (untrustedCount > verifyDepth + 1) error = 'CERT_CHAIN_TOO_LONG';
  const eku = leaf.keyUsage;
  if (eku && eku.length > 0 && !eku.includes(CLIENT_AUTH) && !eku.includes(ANY_EKU)) {
    error = 'INVALID_PURPOSE';
  }
  if (!anchored && chain.length === 1 && !selfSigned(leaf)) error = 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
  for (const cert of [...chain].reverse()) {
    if (now < new Date(cert.validFrom)) error = 'CERT_NOT_YET_VALID';
    if (now > new Date(cert.validTo)) error = 'CERT_HAS_EXPIRED';
  }
  return error;
}

function issuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** OpenSSL's X509_self_signed(): same names and its own key verifies it (key usage ignored). */
function selfSigned(cert: X509Certificate): boolean {
  try {
    return cert.subject === cert.issuer && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

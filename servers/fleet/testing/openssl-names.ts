/**
 * Transcript names (IANA, servers/embedded/tls-names.ts) as `openssl s_client` prints them, to
 * compare a transcript with advertised-ca-names.ts's independent observation. OpenSSL prints
 * rsa_pss_rsae_* and TLS 1.2 pairs as SIG+HASH and keeps IANA names for the rest (ed25519,
 * rsa_pss_pss_sha256), so the mapping goes this way: several IANA names may print alike.
 */
const SIGNATURES: Readonly<Record<string, string>> = {
  rsa_pkcs1: 'RSA', rsa: 'RSA', rsa_pss_rsae: 'RSA-PSS', dsa: 'DSA', ecdsa: 'ECDSA',
  ecdsa_secp256r1: 'ECDSA', ecdsa_secp384r1: 'ECDSA', ecdsa_secp521r1: 'ECDSA',
};

export function asOpensslSignatureAlgorithm(name: string): string {
  const match = /^(.*)_(sha1|sha224|sha256|sha384|sha512)$/.exec(name);
  const signature = match ? SIGNATURES[match[1]!] : undefined;
  return signature ? `${signature}+${match![2]!.toUpperCase()}` : name;
}

const CERTIFICATE_TYPES: Readonly<Record<string, string>> = {
  rsa_sign: 'RSA sign', dss_sign: 'DSA sign', ecdsa_sign: 'ECDSA sign',
  rsa_fixed_dh: 'RSA fixed DH', dss_fixed_dh: 'DSS fixed DH', rsa_fixed_ecdh: 'RSA fixed ECDH', ecdsa_fixed_ecdh: 'ECDSA fixed ECDH',
};

export function asOpensslCertificateType(name: string): string {
  return CERTIFICATE_TYPES[name] ?? name;
}

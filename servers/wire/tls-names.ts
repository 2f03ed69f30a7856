/**
 * Wire code points -> the names transcripts use: the IANA TLS SignatureScheme names (RFC 8446
 * §4.2.3) and ClientCertificateType names (RFC 5246 §7.4.4, RFC 8422). TLS 1.2 (hash,
 * signature) pairs RFC 8446 leaves unnamed get RFC 5246's names joined (`rsa_sha224`,
 * `dsa_sha256`); anything else is its code point in hex (`0x0a0b`, `0x07`).
 */
const SIGNATURE_SCHEMES: ReadonlyMap<number, string> = new Map([
  [0x0401, 'rsa_pkcs1_sha256'], [0x0501, 'rsa_pkcs1_sha384'], [0x0601, 'rsa_pkcs1_sha512'],
  [0x0403, 'ecdsa_secp256r1_sha256'], [0x0503, 'ecdsa_secp384r1_sha384'], [0x0603, 'ecdsa_secp521r1_sha512'],
  [0x0804, 'rsa_pss_rsae_sha256'], [0x0805, 'rsa_pss_rsae_sha384'], [0x0806, 'rsa_pss_rsae_sha512'],
  [0x0807, 'ed25519'], [0x0808, 'ed448'],
  [0x0809, 'rsa_pss_pss_sha256'], [0x080a, 'rsa_pss_pss_sha384'], [0x080b, 'rsa_pss_pss_sha512'],
  [0x081a, 'ecdsa_brainpoolP256r1tls13_sha256'], [0x081b, 'ecdsa_brainpoolP384r1tls13_sha384'],
  [0x081c, 'ecdsa_brainpoolP512r1tls13_sha512'],
  [0x0201, 'rsa_pkcs1_sha1'], [0x0203, 'ecdsa_sha1'],
]);

const LEGACY_HASHES = ['none', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const LEGACY_SIGNATURES = ['anonymous', 'rsa', 'dsa', 'ecdsa'];

const CERTIFICATE_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'rsa_sign'], [2, 'dss_sign'], [3, 'rsa_fixed_dh'], [4, 'dss_fixed_dh'], [5, 'rsa_ephemeral_dh'],
  [6, 'dss_ephemeral_dh'], [20, 'fortezza_dms'], [64, 'ecdsa_sign'], [65, 'rsa_fixed_ecdh'], [66, 'ecdsa_fixed_ecdh'],
  [67, 'gost_sign256'], [68, 'gost_sign512'],
]);

export function signatureSchemeName(code: number): string {
  const named = SIGNATURE_SCHEMES.get(code);
  if (named) return named;
  const hash = LEGACY_HASHES[code >> 8];
  const signature = LEGACY_SIGNATURES[code & 0xff];
  // Pairs with a real hash and signature algorithm (RFC 5246 §7.4.1.4.1).
  if (hash && signature && hash !== 'none' && signature !== 'anonymous') return `${signature}_${hash}`;
  return `0x${code.toString(16).padStart(4, '0')}`;
}

export function certificateTypeName(code: number): string {
  return CERTIFICATE_TYPES.get(code) ?? `0x${code.toString(16).padStart(2, '0')}`;
}

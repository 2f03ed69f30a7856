/** Object identifiers of PKCS#7, PKCS#12, PKCS#5 and the algorithms the decoder handles. */
export const Oid = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',

  keyBag: '1.2.840.113549.1.12.10.1.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  crlBag: '1.2.840.113549.1.12.10.1.4',
  secretBag: '1.2.840.113549.1.12.10.1.5',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',

  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  desEde3Cbc: '1.2.840.113549.3.7',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',

  pbeSha1Rc4128: '1.2.840.113549.1.12.1.1',
  pbeSha1Rc440: '1.2.840.113549.1.12.1.2',
  pbeSha13Des: '1.2.840.113549.1.12.1.3',
  pbeSha12Des: '1.2.840.113549.1.12.1.4',
  pbeSha1Rc2128: '1.2.840.113549.1.12.1.5',
  pbeSha1Rc240: '1.2.840.113549.1.12.1.6',

  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

/** Digest OIDs (MAC) and HMAC OIDs (PBKDF2 prf) to node:crypto digest names. */
export const digestByOid: ReadonlyMap<string, string> = new Map([
  ['1.3.14.3.2.26', 'sha1'],
  ['2.16.840.1.101.3.4.2.4', 'sha224'],
  ['2.16.840.1.101.3.4.2.1', 'sha256'],
  ['2.16.840.1.101.3.4.2.2', 'sha384'],
  ['2.16.840.1.101.3.4.2.3', 'sha512'],
]);

export const hmacDigestByOid: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.2.7', 'sha1'],
  ['1.2.840.113549.2.8', 'sha224'],
  ['1.2.840.113549.2.9', 'sha256'],
  ['1.2.840.113549.2.10', 'sha384'],
  ['1.2.840.113549.2.11', 'sha512'],
]);

/** PBES2 ciphers: node:crypto name and key length in bytes. */
export const pbes2CipherByOid: ReadonlyMap<string, { cipher: string; keyLength: number }> = new Map([
  [Oid.aes128Cbc, { cipher: 'aes-128-cbc', keyLength: 16 }],
  [Oid.aes192Cbc, { cipher: 'aes-192-cbc', keyLength: 24 }],
  [Oid.aes256Cbc, { cipher: 'aes-256-cbc', keyLength: 32 }],
  [Oid.desEde3Cbc, { cipher: 'des-ede3-cbc', keyLength: 24 }],
]);

/** EC curves a client identity may use (what mobile platforms and TLS 1.3 support). */
export const supportedCurves: ReadonlyMap<string, string> = new Map([
  ['prime256v1', '1.2.840.10045.3.1.7'],
  ['secp384r1', '1.3.132.0.34'],
  ['secp521r1', '1.3.132.0.35'],
]);

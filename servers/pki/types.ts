/**
 * The test PKI, generated fresh for each run by servers/pki (no openssl CLI needed).
 * Consumers (fleet backends, harness, specs) depend on this shape only.
 */
export type CaName = 'A' | 'B' | 'C' | 'intermediateA';

export type IdentityName =
  | 'rsa-a' // RSA client under root A
  | 'ec-b' // EC P-256 client under root B
  | 'rsa-intermediate' // RSA client under the intermediate (under A); the chain is in the bundle
  | 'expired' // RSA under A, validity in the past
  | 'not-yet-valid' // RSA under A, validity in the future
  | 'server-auth-only' // RSA under A, EKU serverAuth only
  | 'self-signed' // untrusted, its own issuer
  | 'rsa-a-printable-issuer' // RSA under A, issuer name as PrintableString (A's subject is UTF8String)
  | 'ec-b-uppercase-issuer'; // EC under B, issuer name in upper case

/** modern: PBES2/PBKDF2-SHA256/AES-256-CBC + SHA-256 MAC; legacy: pbeWithSHA1And3-KeyTripleDES + SHA-1 MAC. */
export type BundleEncoding = 'modern' | 'legacy' | 'empty-password' | 'unencrypted';

export interface PemFile {
  readonly pem: string;
  readonly path: string;
}

export interface CertificateAuthority {
  readonly name: CaName;
  readonly certificate: PemFile;
  /** RFC 2253 form, as nginx prints $ssl_client_i_dn. */
  readonly subject: string;
}

export interface IdentityInfo {
  readonly name: IdentityName;
  readonly keyType: 'RSA' | 'EC';
  /** RFC 2253 subject / issuer, as nginx prints them. */
  readonly subject: string;
  readonly issuer: string;
  /** Upper-case hex, as nginx's $ssl_client_serial. */
  readonly serial: string;
  /** SHA-1 of the DER, lower-case hex without colons, as nginx's $ssl_client_fingerprint. */
  readonly fingerprint: string;
  /** Leaf certificate (PEM) and leaf + intermediates (PEM) */
  readonly certificate: PemFile;
  readonly chain: PemFile;
  readonly key: PemFile;
}

export interface Pkcs12Bundle {
  /** e.g. "rsa-a.modern" or "rsa-a+ec-b.legacy" */
  readonly name: string;
  readonly identities: readonly IdentityName[];
  readonly encoding: BundleEncoding;
  /** "" for empty-password and unencrypted bundles. */
  readonly password: string;
  readonly path: string;
  /** File name only: what the download endpoint serves it as (/p12/<fileName>). */
  readonly fileName: string;
}

export interface ServerCredentials {
  readonly key: PemFile;
  /** Server leaf certificate, SANs: localhost, 127.0.0.1, ::1, 10.0.2.2 and configured extra names. */
  readonly certificate: PemFile;
}

export interface TestPki {
  /** Private folder (0700) holding every file below. */
  readonly dir: string;
  readonly cas: Readonly<Record<CaName, CertificateAuthority>>;
  /** The CA that signs the server certificate: what a client must trust. */
  readonly serverCa: PemFile;
  readonly server: ServerCredentials;
  /** EC P-256 server credential under serverCa, same SANs: for servers accepting only ECDSA client keys. */
  readonly serverEc: ServerCredentials;
  /** Self-signed RSA server credential (not under serverCa), same SANs: a server no client trusts. */
  readonly untrustedServer: ServerCredentials;
  readonly identities: Readonly<Record<IdentityName, IdentityInfo>>;
  readonly bundles: Readonly<Record<string, Pkcs12Bundle>>;
  bundle(name: string): Pkcs12Bundle;
  /** Removes the folder unless the PKI was created with keep: true. */
  dispose(): Promise<void>;
}

import type { KeyObject, X509Certificate } from 'node:crypto';

export type KeyType = 'RSA' | 'EC';

/** One private key with its certificate chain, as decoded from a PKCS#12 file. */
export interface ClientIdentity {
  readonly privateKey: KeyObject;
  readonly keyType: KeyType;
  /** Leaf first, then the issuers found in the same file, in chain order. */
  readonly chain: readonly X509Certificate[];
  readonly friendlyName?: string;
  /** PEM forms, ready for tls.connect({ key, cert }). */
  readonly keyPem: string;
  readonly chainPem: string;
}

/** What a PKCS#12 file holds once decoded: identities in file order. */
export interface Pkcs12Contents {
  readonly identities: readonly ClientIdentity[];
  /** Every certificate in the file, in file order (including those of the identities). */
  readonly certificates: readonly X509Certificate[];
}

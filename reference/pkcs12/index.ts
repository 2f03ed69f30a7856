/**
 * PKCS#12 decoder of the reference runtime (RFC 7292), on node:crypto only.
 *
 * Decisions (also in the report of issue 2):
 * - Every key becomes an identity, in file order; pairing by localKeyId, then friendlyName,
 *   then public key. A paired certificate for another key, or a key no certificate of the file
 *   matches, is PKCS12_KEY_CERTIFICATE_MISMATCH; a key in a file without any certificate is
 *   PKCS12_NO_CERTIFICATE (the codes of reference/README.md).
 * - Key types: RSA (rsaEncryption) and EC on P-256/P-384/P-521. RSA-PSS keys are rejected
 *   (PKCS12_UNSUPPORTED_ALGORITHM, OID 1.2.840.113549.1.1.10): the mobile keystores the
 *   reference stands for import none, so accepting them would make the reference laxer than
 *   the platforms it judges. A key whose private half does not fit its public half (a corrupt
 *   MAC-less file) is PKCS12_MALFORMED.
 * - Bounded work (limits.ts, sources in docs/decisions.md): one KDF run above 2,000,000
 *   iterations is PKCS12_ITERATION_LIMIT; more KDF work in total than 12,000,000 SHA-1-round
 *   units (about 1 s), keys after the first needing more KDF work than the rest of the file
 *   plus 1,000,000 units (Node's native loader decrypts only the first key), or more than 64
 *   SafeContents, 512 bags, 32 keys, 128 certificates, 512 chain signature checks or 20,000
 *   BER elements is PKCS12_LIMIT_EXCEEDED. Each bound is checked before the work it guards;
 *   shrouded keys are decrypted last, in file order; DER input is scanned, never rebuilt.
 * - BER is read (NSS pk12util writes indefinite lengths and constructed OCTET STRINGs): each
 *   encoding is normalized to definite lengths first (asn1/ber-normalizer.ts, depth-bounded,
 *   linear), and the MAC is checked over the authSafe's concatenated content octets.
 *   crlBag, secretBag, unknown bags and non-X.509 certBags are ignored. MAC digest parameters
 *   must be NULL or absent.
 * - Without a MAC, a wrong password shows as a padding or DER failure of the decrypted data
 *   and is reported as PKCS12_BAD_PASSWORD.
 */
export { decodePkcs12 } from './decode-pkcs12.js';
export {
  Pkcs12Error, Pkcs12MalformedError, Pkcs12BadPasswordError, Pkcs12UnsupportedAlgorithmError, Pkcs12IterationLimitError,
  Pkcs12LimitExceededError, type Pkcs12LimitName, Pkcs12NoPrivateKeyError, Pkcs12NoCertificateError, Pkcs12KeyCertificateMismatchError,
} from './errors.js';
export { MAX_ITERATIONS } from './password-based-decryption.js';
export { DEFAULT_PKCS12_LIMITS, kdfWork, type Pkcs12Limits } from './limits.js';

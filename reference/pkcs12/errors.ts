import { ReferenceLayerError } from '../runtime/reference-error.js';

/**
 * Errors of decodePkcs12: one class per failure, each with a stable `code`. Nothing else ever
 * escapes the decoder. Messages never carry passwords or key material.
 */
export abstract class Pkcs12Error extends ReferenceLayerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Corrupt, truncated, or not a PKCS#12 file at all. */
export class Pkcs12MalformedError extends Pkcs12Error {
  readonly code = 'PKCS12_MALFORMED';
  constructor(detail?: string, options?: { cause?: unknown }) {
    super(detail ? `the file is not a valid PKCS#12 file: ${detail}` : 'the file is not a valid PKCS#12 file', options);
  }
}

/** MAC mismatch, or (in a file without MAC) a decryption that fails its padding check. */
export class Pkcs12BadPasswordError extends Pkcs12Error {
  readonly code = 'PKCS12_BAD_PASSWORD';
  constructor(message = 'the password is wrong (or the file was altered)') {
    super(message);
  }
}

/** An algorithm the decoder does not implement; the OID is in the message. */
export class Pkcs12UnsupportedAlgorithmError extends Pkcs12Error {
  readonly code = 'PKCS12_UNSUPPORTED_ALGORITHM';
  constructor(readonly oid: string, what = 'algorithm') {
    super(`unsupported ${what} ${oid}`);
  }
}

/** An iteration count above the decoder's bound (a hostile or corrupt file would hang it). */
export class Pkcs12IterationLimitError extends Pkcs12Error {
  readonly code = 'PKCS12_ITERATION_LIMIT';
  constructor(readonly iterations: number, readonly limit: number) {
    super(`iteration count ${iterations} exceeds the limit of ${limit}`);
  }
}

export type Pkcs12LimitName =
  'work' | 'safeContents' | 'bags' | 'keys' | 'certificates' | 'signatureChecks' | 'berElements';

/**
 * The file asks for more than a decoder bound allows (reference/pkcs12/limits.ts): too many
 * bags, keys, certificates or SafeContents, or more key-derivation work in total than any real
 * producer's file needs. `limit` names the bound.
 */
export class Pkcs12LimitExceededError extends Pkcs12Error {
  readonly code = 'PKCS12_LIMIT_EXCEEDED';
  constructor(readonly limit: Pkcs12LimitName, readonly bound: number) {
    super(`the file exceeds the decoder's bound on ${limit} (${bound})`);
  }
}

export class Pkcs12NoPrivateKeyError extends Pkcs12Error {
  readonly code = 'PKCS12_NO_PRIVATE_KEY';
  constructor(message = 'the file holds no private key') {
    super(message);
  }
}

/** The file holds a private key but no certificate at all. */
export class Pkcs12NoCertificateError extends Pkcs12Error {
  readonly code = 'PKCS12_NO_CERTIFICATE';
  constructor(message = 'the file holds no certificate for its private key') {
    super(message);
  }
}

/** A key paired (localKeyId, friendlyName) with another key's certificate, or matched by none. */
export class Pkcs12KeyCertificateMismatchError extends Pkcs12Error {
  readonly code = 'PKCS12_KEY_CERTIFICATE_MISMATCH';
  constructor(message = 'a private key does not match the certificate paired with it') {
    super(message);
  }
}

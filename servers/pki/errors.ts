/** Typed errors of the test PKI; each has a stable `code`. */
export class PkiInputError extends Error {
  readonly code = 'PKI_BAD_INPUT';
  constructor(message = 'invalid input to the test PKI generator') {
    super(message);
    this.name = 'PkiInputError';
  }
}

export class UnknownBundleError extends Error {
  readonly code = 'PKI_UNKNOWN_BUNDLE';
  constructor(readonly bundleName: string) {
    super(`no PKCS#12 bundle named "${bundleName}"`);
    this.name = 'UnknownBundleError';
  }
}

export class InvalidHostNameError extends Error {
  readonly code = 'PKI_INVALID_HOST_NAME';
  constructor(readonly hostName: string) {
    super(`"${hostName}" is neither a DNS name nor an IP address`);
    this.name = 'InvalidHostNameError';
  }
}

export class IncompleteCertificateError extends Error {
  readonly code = 'PKI_INCOMPLETE_CERTIFICATE';
  constructor(readonly missing: string) {
    super(`certificate builder is missing: ${missing}`);
    this.name = 'IncompleteCertificateError';
  }
}

export class PrivateFolderRemovedError extends Error {
  readonly code = 'PKI_FOLDER_REMOVED';
  constructor(readonly path: string) {
    super(`the private folder ${path} was removed; nothing more is written to it`);
    this.name = 'PrivateFolderRemovedError';
  }
}

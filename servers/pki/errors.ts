import { ServersError } from '../../support/errors/index.js';

/** Typed errors of the test PKI; each has a stable `code`. */
export class PkiInputError extends ServersError {
  readonly code = 'PKI_BAD_INPUT';
  constructor(message = 'invalid input to the test PKI generator') {
    super(message);
  }
}

export class UnknownBundleError extends ServersError {
  readonly code = 'PKI_UNKNOWN_BUNDLE';
  constructor(readonly bundleName: string) {
    super(`no PKCS#12 bundle named "${bundleName}"`);
  }
}

export class InvalidHostNameError extends ServersError {
  readonly code = 'PKI_INVALID_HOST_NAME';
  constructor(readonly hostName: string) {
    super(`"${hostName}" is neither a DNS name nor an IP address`);
  }
}

export class IncompleteCertificateError extends ServersError {
  readonly code = 'PKI_INCOMPLETE_CERTIFICATE';
  constructor(readonly missing: string) {
    super(`certificate builder is missing: ${missing}`);
  }
}

export class PrivateFolderRemovedError extends ServersError {
  readonly code = 'PKI_FOLDER_REMOVED';
  constructor(readonly path: string) {
    super(`the private folder ${path} was removed; nothing more is written to it`);
  }
}

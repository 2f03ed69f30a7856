import { ServersError } from '../../support/errors/index.js';

/** Why the CertificateRequest could not be read off a recorded server flight. */
export type HandshakeReadErrorCode =
  /** The flight ended (or the recording limit was reached) before the server's first flight did. */
  | 'TRUNCATED'
  /** Bytes that are no valid TLS record, handshake message or DER name. */
  | 'MALFORMED'
  /** A protocol or cipher suite this reader does not handle (e.g. TLS_AES_128_CCM_SHA256). */
  | 'UNSUPPORTED'
  /** TLS 1.3 without the server handshake traffic secret (no keylog line for this connection). */
  | 'NO_SECRET'
  /** A TLS 1.3 record did not authenticate under the server handshake traffic key. */
  | 'DECRYPT_FAILED';

export class HandshakeReadError extends ServersError {
  constructor(readonly code: HandshakeReadErrorCode, message = `Cannot read the server's handshake: ${code}`) {
    super(message);
  }
}

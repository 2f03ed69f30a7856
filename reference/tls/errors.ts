import { ReferenceLayerError } from '../runtime/reference-error.js';

/**
 * Typed errors of the TLS transport. Each has a stable `code`; the original Node/OpenSSL
 * error, when there is one, is kept as `cause` (its own code stays readable there).
 */
export abstract class TlsTransportError extends ReferenceLayerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The server certificate does not chain to the trusted CAs (or is expired, revoked, ...). */
export class ServerUntrustedError extends TlsTransportError {
  readonly code = 'ERR_TLS_SERVER_UNTRUSTED';
  constructor(message = 'the server certificate is not trusted', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The server certificate is trusted but does not name the host that was asked for. */
export class HostnameMismatchError extends TlsTransportError {
  readonly code = 'ERR_TLS_HOSTNAME_MISMATCH';
  constructor(message = 'the server certificate does not match the host name', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The handshake failed for another reason (alert from the server, protocol mismatch). */
export class HandshakeFailedError extends TlsTransportError {
  readonly code = 'ERR_TLS_HANDSHAKE_FAILED';
  constructor(message = 'the TLS handshake failed', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No TCP connection could be made (refused, reset, closed before the handshake ended). */
export class ConnectFailedError extends TlsTransportError {
  readonly code = 'ERR_TLS_CONNECT_FAILED';
  constructor(message = 'could not connect to the server', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The server's handshake bytes could not be read (bad record, failed decryption, bad message). */
export class HandshakeParseError extends TlsTransportError {
  readonly code = 'ERR_TLS_HANDSHAKE_UNREADABLE';
  constructor(message = 'the server handshake could not be parsed', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The caller gave up on a connect or probe (its request timed out, was aborted or cancelled)
 * before it finished; the connection was closed. Never a verdict on the server.
 */
export class ConnectCancelledError extends TlsTransportError {
  readonly code = 'ERR_TLS_CONNECT_CANCELLED';
  constructor(message = 'the connection attempt was cancelled by its request') {
    super(message);
  }
}

/** The agent belongs to a replaced credential generation and takes no more requests. */
export class AgentRetiredError extends TlsTransportError {
  readonly code = 'ERR_TLS_AGENT_RETIRED';
  constructor(message = 'this client-certificate agent was retired') {
    super(message);
  }
}

// OpenSSL verify results Node reports as error codes (X509_V_ERR_* names without the prefix).
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'INVALID_CA',
  'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'CERT_CHAIN_TOO_LONG',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD', 'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'HOSTNAME_MISMATCH',
]);

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** Maps a Node/OpenSSL error of a TLS connection to the typed error the transport reports. */
export function toTlsTransportError(error: unknown): TlsTransportError {
  if (error instanceof TlsTransportError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return new HostnameMismatchError(message, { cause: error });
  if (typeof code === 'string' && UNTRUSTED_CODES.has(code)) return new ServerUntrustedError(message, { cause: error });
  if (typeof code === 'string' && CONNECT_CODES.has(code)) return new ConnectFailedError(message, { cause: error });
  return new HandshakeFailedError(message, { cause: error });
}

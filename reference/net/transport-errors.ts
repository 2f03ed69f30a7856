import { ReferenceLayerError } from '../runtime/reference-error.js';

/**
 * Typed errors of the shared transport. Both request APIs map these stable codes to what
 * they report (HttpRequest: status 0 + statusText = code; invokeServiceAsync: errcode).
 */
export type TransportErrorKind =
  | 'tls' // handshake failed, alert from the server (incl. a refused client certificate)
  | 'closed-after-handshake' // a fresh TLS connection dropped before any response (see below)
  | 'certificate' // the server certificate is untrusted or names another host
  | 'dns' // the host name did not resolve
  | 'connect' // no TCP connection, or it closed before an HTTP response
  | 'timeout'
  | 'aborted'
  | 'offline' // the network is unreachable
  | 'protocol' // the server's HTTP answer could not be parsed
  | 'shutdown'; // the runtime was shut down

const CODES: Record<TransportErrorKind, string> = {
  tls: 'NET_TLS_HANDSHAKE_FAILED',
  'closed-after-handshake': 'NET_TLS_CLOSED_AFTER_HANDSHAKE',
  certificate: 'NET_TLS_SERVER_UNTRUSTED',
  dns: 'NET_HOST_NOT_FOUND',
  connect: 'NET_CONNECT_FAILED',
  timeout: 'NET_TIMEOUT',
  aborted: 'NET_ABORTED',
  offline: 'NET_OFFLINE',
  protocol: 'NET_PROTOCOL_ERROR',
  shutdown: 'NET_RUNTIME_SHUT_DOWN',
};

export class TransportError extends ReferenceLayerError {
  readonly code: string;
  constructor(readonly kind: TransportErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = CODES[kind];
  }
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const OFFLINE = new Set(['ENETUNREACH', 'ENETDOWN']);
const CONNECT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNABORTED',
  'ERR_SOCKET_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE']);
// Server-certificate verification results (OpenSSL X509_V_ERR_* names) and Node's own host check.
const CERTIFICATE = new Set(['UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'CERT_UNTRUSTED',
  'CERT_REJECTED', 'INVALID_CA', 'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE', 'CERT_CHAIN_TOO_LONG',
  'HOSTNAME_MISMATCH', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_TLS_SERVER_UNTRUSTED', 'ERR_TLS_HOSTNAME_MISMATCH']);

/**
 * In TLS 1.3 the client's handshake ends before the server has checked the client certificate;
 * a server that then refuses it (Node's does so without an alert) just closes the connection.
 * So a hang-up on a fresh TLS connection before any response byte is read as a TLS failure
 * (docs/decisions.md D6), not as a connect failure.
 */
export function isHangUp(error: unknown): boolean {
  return codesOf(error).some((c) => c === 'ECONNRESET' || c === 'EPIPE');
}

/** Maps a Node / OpenSSL / agent error to a TransportError, looking through `cause` chains. */
export function toTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const codes = codesOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const kind: TransportErrorKind =
    // The agent's connect was ended by its own request, which already reported why.
    codes.includes('ERR_TLS_CONNECT_CANCELLED') ? 'aborted'
      : codes.some((c) => CERTIFICATE.has(c)) ? 'certificate'
      : codes.some((c) => c.startsWith('ERR_SSL_') || c === 'ERR_TLS_HANDSHAKE_FAILED'
        || c === 'ERR_TLS_HANDSHAKE_UNREADABLE' || c.startsWith('ERR_TLS_')
        && c !== 'ERR_TLS_CONNECT_FAILED') ? 'tls'
        : codes.some((c) => DNS.has(c)) ? 'dns'
          : codes.some((c) => OFFLINE.has(c)) ? 'offline'
            : codes.some((c) => c.startsWith('HPE_')) ? 'protocol'
              : codes.some((c) => c === 'RUNTIME_SHUT_DOWN') ? 'shutdown'
                : 'connect';
  return new TransportError(kind, message, { cause: error });
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * Reading TLS off the wire, for every judge of servers/: the server's first flight and its
 * CertificateRequest (TLS 1.2 plaintext, TLS 1.3 decrypted with a handshake traffic secret),
 * IANA names of the code points, distinguished names as OpenSSL prints them, and the one
 * recording stream. Imports no other folder of servers/ (and never reference/).
 */
export { type WireCertificateRequest, readServerFlight } from './certificate-request-parser.js';
export { distinguishedNameText, rfc2253 } from './distinguished-name.js';
export { HandshakeReadError, type HandshakeReadErrorCode } from './handshake-errors.js';
export { HandshakeRecorder } from './handshake-recorder.js';
export { RecordingDuplex, type StreamTap } from './recording-duplex.js';
export { FLIGHT_LIMIT, FlightBytes, readCertificateRequest, type CertificateRequestReading } from './server-flight-reading.js';
export { certificateTypeName, signatureSchemeName } from './tls-names.js';

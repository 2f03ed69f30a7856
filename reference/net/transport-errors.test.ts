import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toTransportError } from './transport-errors.js';

// The mapping of errors the loopback tests cannot provoke (DNS, offline) is checked on the
// error shapes Node produces; the others are covered end to end by the request-API tests.
const coded = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

test('error codes map to stable transport codes', () => {
  const cases: [unknown, string][] = [
    [coded('ENOTFOUND'), 'NET_HOST_NOT_FOUND'],
    [coded('EAI_AGAIN'), 'NET_HOST_NOT_FOUND'],
    [coded('ENETUNREACH'), 'NET_OFFLINE'],
    [coded('ECONNREFUSED'), 'NET_CONNECT_FAILED'],
    [coded('ECONNRESET'), 'NET_CONNECT_FAILED'],
    [coded('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), 'NET_TLS_HANDSHAKE_FAILED'],
    [coded('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), 'NET_TLS_HANDSHAKE_FAILED'],
    [coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'NET_TLS_SERVER_UNTRUSTED'],
    [coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'NET_TLS_SERVER_UNTRUSTED'],
    [coded('HPE_INVALID_CONSTANT'), 'NET_PROTOCOL_ERROR'],
    // The client-certificate agent's own typed errors, with the socket error as cause.
    [coded('ERR_TLS_CONNECT_FAILED', coded('ENOTFOUND')), 'NET_HOST_NOT_FOUND'],
    [coded('ERR_TLS_CONNECT_FAILED', coded('ECONNREFUSED')), 'NET_CONNECT_FAILED'],
    [coded('ERR_TLS_HANDSHAKE_FAILED', coded('ECONNRESET')), 'NET_TLS_HANDSHAKE_FAILED'],
    [coded('ERR_TLS_SERVER_UNTRUSTED', coded('CERT_HAS_EXPIRED')), 'NET_TLS_SERVER_UNTRUSTED'],
    [coded('RUNTIME_SHUT_DOWN'), 'NET_RUNTIME_SHUT_DOWN'],
    [new Error('socket hang up'), 'NET_CONNECT_FAILED'],
  ];
  for (const [error, code] of cases) assert.equal(toTransportError(error).code, code, String((error as Error).message));
});

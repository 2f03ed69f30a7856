import { createHash, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Scenario } from '../scenarios/types.js';
import type { ServerObservation } from '../backend-kit/types.js';
import { rfc2253 } from '../wire/index.js';
import { verifyClientChain } from './manual-chain-verifier.js';
import { toleratedWithoutCa, verifyErrorText } from './openssl-verify-errors.js';

export type Verdict = 'ok' | 'no-certificate' | 'certificate-error';

/** Per connection: everything but the request count, which routes.ts adds per request. */
export type ConnectionObservation = Omit<ServerObservation, 'connectionRequests'>;

export interface ConnectionJudgement {
  readonly observation: ConnectionObservation;
  readonly verdict: Verdict;
  /** What the client sent, leaf first (for the handshake transcript). */
  readonly chain: readonly X509Certificate[];
}

/** Judges a connection exactly as nginx 1.22 does ($ssl_client_* variables, 495/496 rules). */
export function judgeConnection(
  socket: TLSSocket,
  scenario: Scenario,
  trusted: readonly X509Certificate[],
  manualVerify: boolean,
): ConnectionJudgement {
  // getPeerCertificate(true) first: after getPeerX509Certificate() Node 20 returns the leaf only.
  const chain = presentedChain(socket);
  const peer = chain[0];
  const session = {
    protocol: socket.getProtocol() ?? '',
    sessionReused: socket.isSessionReused(),
    sni: typeof socket.servername === 'string' && socket.servername !== '' ? socket.servername : null,
  };
  if (!peer) {
    const observation: ConnectionObservation = {
      server: scenario.id, verify: 'NONE', subject: null, issuer: null, serial: null, fingerprint: null, ...session,
    };
    return { observation, verdict: scenario.clientAuth === 'required' ? 'no-certificate' : 'ok', chain };
  }
  const errorCode = manualVerify
    ? verifyClientChain(chain, trusted, scenario.verifyDepth)
    : nativeError(socket, chain, scenario);
  const observation: ConnectionObservation = {
    server: scenario.id,
    verify: errorCode === null ? 'SUCCESS' : `FAILED:${verifyErrorText(errorCode)}`,
    subject: rfc2253(peer.subject),
    issuer: rfc2253(peer.issuer),
    serial: peer.serialNumber.toUpperCase(),
    fingerprint: createHash('sha1').update(peer.raw).digest('hex'),
    ...session,
  };
  const tolerated = scenario.clientAuth === 'optional_no_ca' && errorCode !== null && toleratedWithoutCa(errorCode);
  const verdict: Verdict = errorCode === null || tolerated ? 'ok' : 'certificate-error';
  return { observation, verdict, chain };
}

function nativeError(socket: TLSSocket, chain: readonly X509Certificate[], scenario: Scenario): string | null {
  if (socket.authorizationError) return String(socket.authorizationError);
  // Node cannot set a verify depth (OpenSSL's default is 100): apply nginx's limit here.
  const anchored = chain.length > 1 && chain[chain.length - 1].checkIssued(chain[chain.length - 1]);
  const untrusted = anchored ? chain.length - 1 : chain.length;
  return untrusted > scenario.verifyDepth + 1 ? 'CERT_CHAIN_TOO_LONG' : null;
}

/**
 * Leaf first, then what the client sent, as sent. getPeerCertificate(true) would also append the
 * trusted root it finds in the server's store, and builds an object of every field of every
 * certificate (about 0.5 ms a handshake, more than the rest of the judgement).
 */
function presentedChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let cert: X509Certificate | undefined = socket.getPeerX509Certificate();
  while (cert && !chain.some((c) => c.raw.equals(cert!.raw))) {
    chain.push(cert);
    cert = cert.issuerCertificate;
  }
  return chain;
}

import type { Scenario, ServerCredentialName } from './types.js';
import { ServersError } from '../../support/errors/index.js';

const BOTH = ['TLSv1.2', 'TLSv1.3'] as const;

/**
 * Every server scenario, the single source of truth for all backends.
 * Resumption is off (no cache, no tickets) everywhere except where a scenario is about it, so
 * that every other observation is deterministic: sessionReused is always false there.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'no-client-auth',
    description: 'No CertificateRequest at all; any client succeeds with verify NONE.',
    clientAuth: 'off', advertisedCas: [], trustedCas: [], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'optional-a',
    description: 'Requests a certificate under root A; none is fine, an untrusted one is a 400.',
    clientAuth: 'optional', advertisedCas: ['A'], trustedCas: ['A'], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'required-a',
    description: 'Requires a certificate issued directly by root A (verify depth 1).',
    clientAuth: 'required', advertisedCas: ['A'], trustedCas: ['A'], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'required-b',
    description: 'Requires a certificate issued directly by root B.',
    clientAuth: 'required', advertisedCas: ['B'], trustedCas: ['B'], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'required-a-or-b',
    description: 'Advertises and trusts roots A and B: the client must pick a matching identity.',
    clientAuth: 'required', advertisedCas: ['A', 'B'], trustedCas: ['A', 'B'], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'optional-no-ca',
    description:
      'Requests a certificate (advertising A) but tolerates an unknown issuer or a self-signed ' +
      'one (verify FAILED:..., still 200); other failures such as expiry are a 400.',
    clientAuth: 'optional_no_ca', advertisedCas: ['A'], trustedCas: ['A'], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'required-intermediate',
    description: 'Trusts root A with verify depth 2, so leaf + intermediate + root chains pass.',
    clientAuth: 'required', advertisedCas: ['A'], trustedCas: ['A'], verifyDepth: 2,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'required-unadvertised',
    description:
      'Verifies against root A but sends an EMPTY CA list in the CertificateRequest: a client ' +
      'that filters identities by advertised issuer finds no match.',
    clientAuth: 'required', advertisedCas: [], trustedCas: ['A'], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'tls12-required-a',
    description: 'required-a limited to TLS 1.2 (CertificateRequest in clear text).',
    clientAuth: 'required', advertisedCas: ['A'], trustedCas: ['A'], verifyDepth: 1,
    protocols: ['TLSv1.2'], sessionCache: false, sessionTickets: false,
  },
  {
    id: 'tls13-required-a',
    description: 'required-a limited to TLS 1.3 (CertificateRequest encrypted).',
    clientAuth: 'required', advertisedCas: ['A'], trustedCas: ['A'], verifyDepth: 1,
    protocols: ['TLSv1.3'], sessionCache: false, sessionTickets: false,
  },
  {
    id: 'resumption-required-a-or-b',
    description:
      'required-a-or-b with session cache AND tickets on: a client that resumes a session ' +
      'after replacing its certificate is still seen as the old identity (stale session).',
    clientAuth: 'required', advertisedCas: ['A', 'B'], trustedCas: ['A', 'B'], verifyDepth: 1,
    protocols: BOTH, sessionCache: true, sessionTickets: true,
  },
  {
    id: 'required-a-or-b-ecdsa-only',
    description:
      'Advertises and trusts roots A and B but accepts only ECDSA client keys (TLS 1.2 ' +
      'certificate_types ecdsa_sign, ECDSA-only signature_algorithms): an RSA identity does not fit.',
    clientAuth: 'required', advertisedCas: ['A', 'B'], trustedCas: ['A', 'B'], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
    serverCredential: 'serverEc', acceptedClientKeys: 'ECDSA',
  },
  {
    id: 'required-c',
    description: 'Requires and advertises only root C, which issued no client identity: nothing fits.',
    clientAuth: 'required', advertisedCas: ['C'], trustedCas: ['C'], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
  },
  {
    id: 'untrusted-server',
    description:
      'No client authentication, but a self-signed server certificate (same names, not under ' +
      'serverCa): a client trusting serverCa fails the handshake and never reaches HTTP.',
    clientAuth: 'off', advertisedCas: [], trustedCas: [], verifyDepth: 1,
    protocols: BOTH, sessionCache: false, sessionTickets: false,
    serverCredential: 'untrustedServer',
  },
  {
    id: 'idle-required-a',
    description:
      'required-a that forgets quickly: it closes a kept-alive connection after 2 s idle and keeps ' +
      'TLS sessions (cache and tickets) 2 s, so a request after a longer idle period needs a new ' +
      'connection and a full handshake (a long idle period, shortened for the test).',
    clientAuth: 'required', advertisedCas: ['A'], trustedCas: ['A'], verifyDepth: 1,
    protocols: BOTH, sessionCache: true, sessionTickets: true,
    // Not less: clients that read the Keep-Alive hint (node:http) keep a connection 1 s less than it says.
    keepAliveTimeoutMs: 2_000, sessionTimeoutS: 2,
  },
];

/** OpenSSL sigalgs list of acceptedClientKeys 'ECDSA', on every backend (configuration syntax). */
export const ECDSA_SIGALGS = 'ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512';

/** ECDSA_SIGALGS as the CertificateRequest carries it, in the IANA names transcripts use. */
export const ECDSA_SIGNATURE_SCHEMES: readonly string[] = ['ecdsa_secp256r1_sha256', 'ecdsa_secp384r1_sha384', 'ecdsa_secp521r1_sha512'];

/** The server credential a scenario presents ('server' unless it says otherwise). */
export function serverCredentialOf(s: Scenario): ServerCredentialName {
  return s.serverCredential ?? 'server';
}

export type ScenarioId = (typeof SCENARIOS)[number]['id'];

export class UnknownScenarioError extends ServersError {
  readonly code = 'UNKNOWN_SCENARIO';
  constructor(readonly scenario: string, message = `Unknown server scenario: ${scenario}`) {
    super(message);
  }
}

export function scenario(id: string): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (!found) throw new UnknownScenarioError(id);
  return found;
}

export function scenarioIds(): string[] {
  return SCENARIOS.map((s) => s.id);
}

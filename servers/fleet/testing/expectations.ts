import type { IdentityName } from '../../pki/types.js';

/** The client identities every backend is checked with ('none': no certificate). */
export const PROBE_IDENTITIES = [
  'none', 'rsa-a', 'ec-b', 'rsa-intermediate', 'expired', 'self-signed', 'not-yet-valid', 'server-auth-only',
] as const;
export type ProbeIdentity = (typeof PROBE_IDENTITIES)[number];

export interface ServerAnswer {
  readonly status: 200 | 400;
  readonly verify: string;
  readonly error?: 'no-certificate' | 'certificate-error';
}

/** The probe refused the server (status 0: no HTTP exchange); clientError is Node's error code. */
export interface ClientRefusal {
  readonly status: 0;
  readonly clientError: string;
}

export type Expected = ServerAnswer | ClientRefusal;

const ok: ServerAnswer = { status: 200, verify: 'SUCCESS' };
const none: ServerAnswer = { status: 200, verify: 'NONE' };
const noCert: ServerAnswer = { status: 400, verify: 'NONE', error: 'no-certificate' };
const failed = (reason: string): ServerAnswer => ({ status: 400, verify: `FAILED:${reason}`, error: 'certificate-error' });
const tolerated = (reason: string): ServerAnswer => ({ status: 200, verify: `FAILED:${reason}` });

const UNKNOWN_ISSUER = 'unable to verify the first certificate';
const EXPIRED = 'certificate has expired';
const SELF_SIGNED = 'self-signed certificate';
const NOT_YET_VALID = 'certificate is not yet valid';

/** What nginx 1.22 (OpenSSL 3.0) answers: the written-down truth all backends are held to. */
const requiredA: Record<ProbeIdentity, Expected> = {
  none: noCert, 'rsa-a': ok, 'ec-b': failed(UNKNOWN_ISSUER),
  // OpenSSL's depth excludes the trust anchor: depth 1 admits leaf + intermediate.
  'rsa-intermediate': ok,
  expired: failed(EXPIRED), 'self-signed': failed(SELF_SIGNED),
  'not-yet-valid': failed(NOT_YET_VALID),
  // EKU serverAuth only: OpenSSL 3.0.x's text for X509_V_ERR_INVALID_PURPOSE.
  'server-auth-only': failed('unsuitable certificate purpose'),
};

const every = (expected: Expected): Record<ProbeIdentity, Expected> =>
  Object.fromEntries(PROBE_IDENTITIES.map((p) => [p, expected])) as Record<ProbeIdentity, Expected>;

export const EXPECTED: Readonly<Record<string, Record<ProbeIdentity, Expected>>> = {
  'no-client-auth': every(none),
  'optional-a': { ...requiredA, none },
  'required-a': requiredA,
  'required-b': {
    none: noCert, 'rsa-a': failed(UNKNOWN_ISSUER), 'ec-b': ok,
    // Leaf + intermediate sent, but neither is issued by B.
    'rsa-intermediate': failed('unable to get local issuer certificate'),
    expired: failed(EXPIRED), 'self-signed': failed(SELF_SIGNED),
    // Validity is checked even when the issuer is unknown, and the last error wins.
    'not-yet-valid': failed(NOT_YET_VALID), 'server-auth-only': failed(UNKNOWN_ISSUER),
  },
  'required-a-or-b': { ...requiredA, 'ec-b': ok },
  'optional-no-ca': {
    ...requiredA, none, 'ec-b': tolerated(UNKNOWN_ISSUER), 'self-signed': tolerated(SELF_SIGNED),
  },
  'required-intermediate': requiredA,
  'required-unadvertised': requiredA,
  'tls12-required-a': requiredA,
  'tls13-required-a': requiredA,
  'resumption-required-a-or-b': { ...requiredA, 'ec-b': ok },
  // OpenSSL's client withholds a certificate no requested signature algorithm can sign with
  // (ssl3_check_client_certificate): every RSA identity arrives as no certificate at all.
  'required-a-or-b-ecdsa-only': { ...every(noCert), 'ec-b': ok },
  // Nothing is under C: OpenSSL's client sends what it has, and the server refuses it.
  'required-c': {
    none: noCert, 'rsa-a': failed(UNKNOWN_ISSUER), 'ec-b': failed(UNKNOWN_ISSUER),
    'rsa-intermediate': failed('unable to get local issuer certificate'),
    expired: failed(EXPIRED), 'self-signed': failed(SELF_SIGNED),
    'not-yet-valid': failed(NOT_YET_VALID), 'server-auth-only': failed(UNKNOWN_ISSUER),
  },
  // A client trusting serverCa refuses the self-signed server before any HTTP.
  'untrusted-server': every({ status: 0, clientError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
  // required-a that idles connections and sessions out after 2 s: judged as required-a.
  'idle-required-a': requiredA,
};

export function identityOf(probe: ProbeIdentity): IdentityName | undefined {
  return probe === 'none' ? undefined : probe;
}

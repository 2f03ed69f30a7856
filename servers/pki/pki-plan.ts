/**
 * What the test PKI contains: the CAs, the client identities and the bundles, as data.
 * create-test-pki.ts turns this plan into keys, certificates and files.
 */
import type { BundleEncoding, CaName, IdentityName } from './types.js';
import type { IssuerNameSpelling } from './certificate-builder.js';
import type { KeyType } from './key-pairs.js';
import { Oid } from './oids.js';

export const ORGANIZATION = 'voltmx-conformance';

/** The server certificate's fixed names; 10.0.2.2 is only a SAN (the Android emulator's view of the host). */
export const SERVER_HOST_NAMES = ['localhost', '127.0.0.1', '::1', '10.0.2.2'] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CaPlan {
  readonly commonName: string;
  readonly keyType: KeyType;
  /** Root when undefined. */
  readonly issuer?: CaName;
}

export const CA_PLAN: Readonly<Record<CaName, CaPlan>> = {
  A: { commonName: 'Conformance Root CA A', keyType: 'RSA' },
  // EC root so ecdsa-with-SHA256 signatures are exercised too.
  B: { commonName: 'Conformance Root CA B', keyType: 'EC' },
  // Signs no identity: a CA a server can trust that none of the clients chain to.
  C: { commonName: 'Conformance Root CA C', keyType: 'RSA' },
  intermediateA: { commonName: 'Conformance Intermediate CA A1', keyType: 'RSA', issuer: 'A' },
};

/** Own root for the server certificate, so trusting it says nothing about client CAs. */
export const SERVER_CA_COMMON_NAME = 'Conformance Server CA';

export interface ValidityWindow {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export type ValidityKind = 'current' | 'expired' | 'future' | 'ca';

export function validityWindow(kind: ValidityKind, now: Date): ValidityWindow {
  const at = (offset: number) => new Date(now.getTime() + offset);
  switch (kind) {
    case 'ca':
      return { notBefore: at(-DAY), notAfter: at(3650 * DAY) };
    case 'current':
      // An hour of slack for clocks (emulators) that lag the host.
      return { notBefore: at(-HOUR), notAfter: at(365 * DAY) };
    case 'expired':
      return { notBefore: at(-730 * DAY), notAfter: at(-365 * DAY) };
    case 'future':
      return { notBefore: at(365 * DAY), notAfter: at(730 * DAY) };
  }
}

export interface IdentityPlan {
  readonly keyType: KeyType;
  /** 'self' for the self-signed identity. */
  readonly issuer: CaName | 'self';
  readonly validity: ValidityKind;
  readonly extendedKeyUsage: readonly string[];
  /** Issuer name spelled otherwise than the CA's subject (same X.500 name, other bytes). */
  readonly issuerName?: IssuerNameSpelling;
}

export const IDENTITY_PLAN: Readonly<Record<IdentityName, IdentityPlan>> = {
  'rsa-a': { keyType: 'RSA', issuer: 'A', validity: 'current', extendedKeyUsage: [Oid.clientAuth] },
  'ec-b': { keyType: 'EC', issuer: 'B', validity: 'current', extendedKeyUsage: [Oid.clientAuth] },
  'rsa-intermediate': { keyType: 'RSA', issuer: 'intermediateA', validity: 'current', extendedKeyUsage: [Oid.clientAuth] },
  expired: { keyType: 'RSA', issuer: 'A', validity: 'expired', extendedKeyUsage: [Oid.clientAuth] },
  'not-yet-valid': { keyType: 'RSA', issuer: 'A', validity: 'future', extendedKeyUsage: [Oid.clientAuth] },
  'server-auth-only': { keyType: 'RSA', issuer: 'A', validity: 'current', extendedKeyUsage: [Oid.serverAuth] },
  'self-signed': { keyType: 'RSA', issuer: 'self', validity: 'current', extendedKeyUsage: [Oid.clientAuth] },
  'rsa-a-printable-issuer': {
    keyType: 'RSA', issuer: 'A', validity: 'current', extendedKeyUsage: [Oid.clientAuth], issuerName: { stringType: 'printable' },
  },
  'ec-b-uppercase-issuer': {
    keyType: 'EC', issuer: 'B', validity: 'current', extendedKeyUsage: [Oid.clientAuth], issuerName: { letterCase: 'upper' },
  },
};

export const ENCODINGS: readonly BundleEncoding[] = ['modern', 'legacy', 'empty-password', 'unencrypted'];

export interface BundlePlan {
  readonly name: string;
  readonly identities: readonly IdentityName[];
  readonly encoding: BundleEncoding;
}

/**
 * One bundle per identity per encoding, plus both orders of rsa-a and ec-b together, and the
 * two identities whose issuer names are spelled otherwise than their CA's subject, together.
 */
export function bundlePlan(): BundlePlan[] {
  const plans: BundlePlan[] = [];
  for (const identity of Object.keys(IDENTITY_PLAN) as IdentityName[]) {
    for (const encoding of ENCODINGS) plans.push({ name: `${identity}.${encoding}`, identities: [identity], encoding });
  }
  const pairs: IdentityName[][] = [
    ['rsa-a', 'ec-b'],
    ['ec-b', 'rsa-a'],
  ];
  for (const identities of pairs) {
    for (const encoding of ['modern', 'legacy'] as const) {
      plans.push({ name: `${identities.join('+')}.${encoding}`, identities, encoding });
    }
  }
  const respelled: IdentityName[] = ['rsa-a-printable-issuer', 'ec-b-uppercase-issuer'];
  for (const encoding of ['modern', 'legacy'] as const) {
    plans.push({ name: `${respelled.join('+')}.${encoding}`, identities: respelled, encoding });
  }
  return plans;
}

/**
 * The files an app build ships for CA-LOAD-BUNDLED (the pre-bundled path): rsa-a and ec-b in
 * the encodings specs load when the encoding is not the point (specs/helpers/identities.ts,
 * portableBundle). The persistent PKI issues them once (persistent/bundled-set.ts); a run
 * without one ships its own bundles of these names.
 */
export const BUNDLED_SET: readonly BundlePlan[] = (['rsa-a', 'ec-b'] as const).flatMap((identity) =>
  (['modern', 'legacy'] as const).map((encoding) => ({ name: `${identity}.${encoding}`, identities: [identity], encoding })));

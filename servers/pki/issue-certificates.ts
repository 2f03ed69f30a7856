/**
 * Issues every certificate of the test PKI from its keys (pure crypto, no files):
 * roots A, B, C, the intermediate under A, the server CA and server certificate, the identities.
 */
import { CertificateBuilder, KeyUsage, type CertificateSigner, type IssuedCertificate } from './certificate-builder.js';
import type { DistinguishedName } from './distinguished-name.js';
import type { KeyPair, KeyType } from './key-pairs.js';
import { Oid } from './oids.js';
import { CA_PLAN, IDENTITY_PLAN, ORGANIZATION, SERVER_CA_COMMON_NAME, SERVER_HOST_NAMES, validityWindow, type ValidityWindow } from './pki-plan.js';
import type { CaName, IdentityName } from './types.js';

export type KeyName = CaName | 'serverCa' | 'server' | 'serverEc' | 'untrustedServer' | IdentityName;

export interface PkiCertificates {
  readonly cas: Readonly<Record<CaName, IssuedCertificate>>;
  readonly serverCa: IssuedCertificate;
  readonly server: IssuedCertificate;
  readonly serverEc: IssuedCertificate;
  readonly untrustedServer: IssuedCertificate;
  readonly identities: Readonly<Record<IdentityName, IssuedCertificate>>;
}

/** Roots first, so the intermediate finds its issuer. */
export const CA_ORDER: readonly CaName[] = ['A', 'B', 'C', 'intermediateA'];

const dn = (commonName: string): DistinguishedName => ({ commonName, organization: ORGANIZATION });

/** The key type of every key the PKI needs. */
export function keyPlan(): Record<KeyName, KeyType> {
  const plan = { serverCa: 'RSA', server: 'RSA', serverEc: 'EC', untrustedServer: 'RSA' } as Record<KeyName, KeyType>;
  for (const [name, ca] of Object.entries(CA_PLAN)) plan[name as CaName] = ca.keyType;
  for (const [name, identity] of Object.entries(IDENTITY_PLAN)) plan[name as IdentityName] = identity.keyType;
  return plan;
}

function signerOf(certificate: IssuedCertificate, key: KeyPair): CertificateSigner {
  return { name: certificate.subject, privateKey: key.privateKey, subjectKeyId: certificate.subjectKeyId };
}

function leafKeyUsage(type: KeyType): number[] {
  return type === 'RSA' ? [KeyUsage.digitalSignature, KeyUsage.keyEncipherment] : [KeyUsage.digitalSignature];
}

/** The long-lived certificates: roots A, B, C, the intermediate and the server CA. */
export interface IssuedRoots {
  readonly cas: Readonly<Record<CaName, IssuedCertificate>>;
  readonly serverCa: IssuedCertificate;
}

/** The names whose keys sign: what a persistent PKI keeps (servers/pki/persistent). */
export type RootName = CaName | 'serverCa';
export const ROOT_NAMES: readonly RootName[] = [...CA_ORDER, 'serverCa'];

export function issueRoots(keys: Readonly<Record<RootName, KeyPair>>, now: Date): IssuedRoots {
  const caWindow = validityWindow('ca', now);
  const cas = {} as Record<CaName, IssuedCertificate>;
  for (const name of CA_ORDER) {
    const plan = CA_PLAN[name];
    const builder = new CertificateBuilder()
      .subject(dn(plan.commonName))
      .publicKey(keys[name].publicKey)
      .validity(caWindow.notBefore, caWindow.notAfter)
      .certificateAuthority(plan.issuer ? 0 : undefined);
    cas[name] = plan.issuer
      ? builder.sign(signerOf(cas[plan.issuer], keys[plan.issuer]))
      : builder.sign({ selfSigned: keys[name].privateKey });
  }
  const serverCa = new CertificateBuilder()
    .subject(dn(SERVER_CA_COMMON_NAME))
    .publicKey(keys.serverCa.publicKey)
    .validity(caWindow.notBefore, caWindow.notAfter)
    .certificateAuthority()
    .sign({ selfSigned: keys.serverCa.privateKey });
  return { cas, serverCa };
}

/** roots: existing roots (a persistent PKI) whose keys are in `keys`; default: fresh ones. */
export function issueCertificates(
  keys: Readonly<Record<KeyName, KeyPair>>,
  now: Date,
  extraHostNames: readonly string[],
  roots: IssuedRoots = issueRoots(keys, now),
): PkiCertificates {
  const { cas, serverCa } = roots;

  const serverWindow = validityWindow('current', now);
  const serverLeaf = (key: KeyPair, type: KeyType): CertificateBuilder => new CertificateBuilder()
    .subject(dn('localhost'))
    .publicKey(key.publicKey)
    .validity(serverWindow.notBefore, serverWindow.notAfter)
    .keyUsage(...leafKeyUsage(type))
    .extendedKeyUsage(Oid.serverAuth)
    .subjectAltNames(...SERVER_HOST_NAMES, ...extraHostNames);
  const server = serverLeaf(keys.server, 'RSA').sign(signerOf(serverCa, keys.serverCa));
  const serverEc = serverLeaf(keys.serverEc, 'EC').sign(signerOf(serverCa, keys.serverCa));
  // Same names, its own issuer: a client trusting serverCa must refuse it.
  const untrustedServer = serverLeaf(keys.untrustedServer, 'RSA').sign({ selfSigned: keys.untrustedServer.privateKey });

  const identities = {} as Record<IdentityName, IssuedCertificate>;
  for (const name of Object.keys(IDENTITY_PLAN) as IdentityName[]) {
    identities[name] = issueIdentity(name, keys, cas, validityWindow(IDENTITY_PLAN[name].validity, now));
  }
  return { cas, serverCa, server, serverEc, untrustedServer, identities };
}

/**
 * One client identity as IDENTITY_PLAN describes it, within `window`: a run's leaves, and the
 * persistent PKI's long-lived bundled set (servers/pki/persistent/bundled-set.ts).
 */
export function issueIdentity(
  name: IdentityName,
  keys: Readonly<Partial<Record<KeyName, KeyPair>>>,
  cas: Readonly<Partial<Record<CaName, IssuedCertificate>>>,
  window: ValidityWindow,
): IssuedCertificate {
  const plan = IDENTITY_PLAN[name];
  const key = keys[name]!;
  const builder = new CertificateBuilder()
    .subject(dn(name))
    .publicKey(key.publicKey)
    .validity(window.notBefore, window.notAfter)
    .keyUsage(...leafKeyUsage(plan.keyType))
    .extendedKeyUsage(...plan.extendedKeyUsage)
    .issuerNameSpelling(plan.issuerName ?? {});
  if (plan.issuer === 'self') return builder.sign({ selfSigned: key.privateKey });
  return builder.sign(signerOf(cas[plan.issuer]!, keys[plan.issuer]!));
}

/** Certificates between an identity and its root (only rsa-intermediate has one). */
export function intermediatesOf(certificates: PkiCertificates, name: IdentityName): IssuedCertificate[] {
  return IDENTITY_PLAN[name].issuer === 'intermediateA' ? [certificates.cas.intermediateA] : [];
}

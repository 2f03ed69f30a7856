/**
 * The persistent PKI's files: one certificate (PEM) and one PKCS#8 key per root, flat in the
 * folder, plus pki.json (format version and creation time). Only the roots live here; every
 * run issues its own leaves under them in the run's private temp folder.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { subjectKeyIdentifier, type IssuedCertificate } from '../certificate-builder.js';
import type { DistinguishedName } from '../distinguished-name.js';
import type { RootName } from '../issue-certificates.js';
import type { KeyPair } from '../key-pairs.js';

export const MANIFEST_FILE = 'pki.json';
export const FORMAT_VERSION = 1;

export interface Manifest {
  readonly format: number;
  readonly createdAt: string;
}

/** ca-A, ca-B, ca-C, ca-intermediateA, server-ca: the same stems as a run's PKI folder. */
export function rootStem(name: RootName): string {
  return name === 'serverCa' ? 'server-ca' : `ca-${name}`;
}

export const certificatePath = (dir: string, name: RootName): string => join(dir, `${rootStem(name)}.crt`);
export const keyPath = (dir: string, name: RootName): string => join(dir, `${rootStem(name)}.key`);

export function keyPairFromPem(pem: string): KeyPair {
  const privateKey = createPrivateKey(pem);
  const type = privateKey.asymmetricKeyType === 'rsa' ? 'RSA' : 'EC';
  return { type, privateKey, publicKey: createPublicKey(privateKey) };
}

function nameOf(text: string): DistinguishedName {
  const field = (key: string): string => text.split('\n').find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1) ?? '';
  return { commonName: field('CN'), organization: field('O') };
}

/** An IssuedCertificate read back from PEM: what issueCertificates needs to sign under it. */
export function issuedFromPem(pem: string): IssuedCertificate {
  const x509 = new X509Certificate(pem);
  return {
    der: x509.raw,
    pem,
    subject: nameOf(x509.subject),
    issuer: nameOf(x509.issuer),
    serialHex: x509.serialNumber.toUpperCase().replace(/^(00)+(?=..)/, ''),
    subjectKeyId: subjectKeyIdentifier(x509.publicKey),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
  };
}

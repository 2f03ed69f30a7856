/**
 * Turns the bags of a PFX into client identities: each key paired with its certificate
 * (localKeyId, then friendlyName, then public key), its chain built from the file's certificates.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { children, decodeOid, parseDer, Tag } from '../asn1/der-reader.js';
import type { ClientIdentity, KeyType, Pkcs12Contents } from '../credentials/client-identity.js';
import {
  Pkcs12KeyCertificateMismatchError, Pkcs12MalformedError, Pkcs12NoCertificateError, Pkcs12NoPrivateKeyError, Pkcs12UnsupportedAlgorithmError,
} from './errors.js';
import { isConsistentKeyPair } from './key-consistency.js';
import { DecodeBudget } from './limits.js';
import { Oid, supportedCurves } from './oids.js';
import type { CertificateEntry, KeyEntry, PfxBags } from './pfx-reader.js';

interface LoadedCertificate {
  readonly entry: CertificateEntry;
  readonly certificate: X509Certificate;
}

export function buildContents(bags: PfxBags, budget = new DecodeBudget()): Pkcs12Contents {
  const loaded: LoadedCertificate[] = bags.certificates.map((entry) => ({ entry, certificate: new X509Certificate(entry.der) }));
  if (bags.keys.length === 0) throw new Pkcs12NoPrivateKeyError();
  if (loaded.length === 0) throw new Pkcs12NoCertificateError('the file holds no certificate');
  const identities = bags.keys.map((key) => buildIdentity(key, loaded, budget));
  return { identities, certificates: loaded.map((c) => c.certificate) };
}

function buildIdentity(key: KeyEntry, certificates: LoadedCertificate[], budget: DecodeBudget): ClientIdentity {
  const privateKey = createPrivateKey({ key: key.pkcs8, format: 'der', type: 'pkcs8' });
  const keyType = keyTypeOf(privateKey, key.pkcs8);
  if (!isConsistentKeyPair(privateKey)) throw new Pkcs12MalformedError('a private key is internally inconsistent');
  const publicKey = createPublicKey(privateKey);
  const paired = (key.localKeyId && certificates.find((c) => c.entry.localKeyId?.equals(key.localKeyId!)))
    || (key.friendlyName !== undefined && certificates.find((c) => c.entry.friendlyName === key.friendlyName))
    || undefined;
  const leaf = paired ?? certificates.find((c) => matches(c, publicKey));
  // The file has certificates (checked above), but none for this key (reference/README.md).
  if (!leaf) throw new Pkcs12KeyCertificateMismatchError('no certificate of the file matches a private key');
  if (paired && !matches(paired, publicKey)) throw new Pkcs12KeyCertificateMismatchError();
  const chain = buildChain(leaf.certificate, certificates.map((c) => c.certificate), budget);
  const friendlyName = key.friendlyName ?? leaf.entry.friendlyName;
  return {
    privateKey,
    keyType,
    chain,
    ...(friendlyName !== undefined ? { friendlyName } : {}),
    keyPem: toPem('PRIVATE KEY', key.pkcs8),
    chainPem: chain.map((c) => c.toString()).join(''),
  };
}

/**
 * KeyObject.equals compares the public components (EVP_PKEY_eq), the same verdict as comparing
 * SPKI DER encodings at a fraction of the cost of exporting them.
 */
function matches(loaded: LoadedCertificate, publicKey: KeyObject): boolean {
  const other = loaded.certificate.publicKey;
  // equals() on keys of different types or curves leaves an error on OpenSSL's error queue,
  // which the next unrelated node:crypto call then reports: compare those cheaply first.
  if (publicKey.asymmetricKeyType !== other.asymmetricKeyType) return false;
  if (publicKey.asymmetricKeyDetails?.namedCurve !== other.asymmetricKeyDetails?.namedCurve) return false;
  return publicKey.equals(other);
}

/**
 * RSA and EC on P-256/P-384/P-521 only: what TLS client authentication on the mobile platforms
 * takes. RSA-PSS keys are rejected (Android and iOS keystores import none of them).
 */
function keyTypeOf(privateKey: KeyObject, pkcs8: Buffer): KeyType {
  const [, algorithm] = children(parseDer(pkcs8));
  const [oidNode, parameters] = children(algorithm!);
  const oid = decodeOid(oidNode!);
  if (privateKey.asymmetricKeyType === 'rsa') return 'RSA';
  if (privateKey.asymmetricKeyType === 'ec') {
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    if (curve && supportedCurves.has(curve)) return 'EC';
    throw new Pkcs12UnsupportedAlgorithmError(parameters?.tag === Tag.OID ? decodeOid(parameters) : oid, 'EC curve');
  }
  throw new Pkcs12UnsupportedAlgorithmError(oid === Oid.rsaEncryption ? Oid.rsassaPss : oid, 'key type');
}

/** Leaf, then each issuer found among the file's certificates, up to a self-signed one. */
function buildChain(leaf: X509Certificate, pool: X509Certificate[], budget: DecodeBudget): X509Certificate[] {
  const chain = [leaf];
  let current = leaf;
  while (!issuedBy(current, current, budget)) {
    const issuer = pool.find((candidate) => !chain.includes(candidate) && issuedBy(current, candidate, budget));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

/** Names (and key identifiers) first; only a candidate that fits them costs a signature check. */
function issuedBy(subject: X509Certificate, issuer: X509Certificate, budget: DecodeBudget): boolean {
  if (!subject.checkIssued(issuer)) return false;
  budget.spend('signatureChecks');
  try {
    return subject.verify(issuer.publicKey);
  } catch {
    return false; // a signature algorithm node:crypto cannot check is no proof of issuance
  }
}

function toPem(label: string, der: Buffer): string {
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

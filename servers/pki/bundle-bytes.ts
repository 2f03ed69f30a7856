/**
 * One PKCS#12 file of a bundle plan: the run's bundles (create-test-pki.ts) and the persistent
 * PKI's bundled set (persistent/bundled-set.ts) are made the same way, so they cannot drift.
 */
import type { KeyObject } from 'node:crypto';
import { Pkcs12Builder } from './pkcs12-writer.js';
import type { BundleEncoding } from './types.js';

export interface BundleEntry {
  readonly friendlyName: string;
  readonly privateKey: KeyObject;
  readonly certificate: Buffer;
  /** Intermediates between the certificate and its root. */
  readonly chain: readonly Buffer[];
}

/** The password a bundle of this encoding carries: `password` when encrypted, "" otherwise. */
export function bundlePasswordFor(encoding: BundleEncoding, password: string): string {
  return encoding === 'modern' || encoding === 'legacy' ? password : '';
}

export async function pkcs12Bytes(encoding: BundleEncoding, password: string, entries: readonly BundleEntry[]): Promise<Buffer> {
  const builder = new Pkcs12Builder().protection(
    encoding === 'unencrypted' ? 'none' : encoding === 'legacy' ? 'legacy' : 'modern',
    bundlePasswordFor(encoding, password),
  );
  for (const entry of entries) builder.addIdentity(entry.privateKey, entry.certificate, entry.friendlyName);
  for (const entry of entries) for (const extra of entry.chain) builder.addCertificate(extra);
  return builder.build();
}

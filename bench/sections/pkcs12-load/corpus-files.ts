/**
 * Section 3's corpus: files made at bench time by the interop producers, written to the
 * bench's private folder. A producer whose tool is absent leaves its files out (listed).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext } from '../../context.js';
import { importOr } from '../../context.js';
import type { LoadManifestEntry } from '../../workers/pkcs12-load.js';

/** producer id, variant id, label; `quick` files run in --quick too. */
const FILES: readonly { producer: string; variant: string; label: string; quick?: boolean }[] = [
  { producer: 'openssl', variant: 'default', label: 'OpenSSL 3 default (PBES2 AES-256, SHA-256 MAC, 2,048)', quick: true },
  { producer: 'openssl', variant: 'legacy', label: 'OpenSSL -legacy (RC2-40, 3DES, SHA-1 MAC)', quick: true },
  { producer: 'openssl', variant: 'default-ec', label: 'OpenSSL 3 default, EC P-256' },
  { producer: 'openssl', variant: 'chain', label: 'OpenSSL 3 default, leaf + intermediate + root' },
  { producer: 'gnutls', variant: '3des-pkcs12', label: 'GnuTLS 3DES, 600,000 iterations', quick: true },
  { producer: 'gnutls', variant: 'default', label: 'GnuTLS default (AES-128, 600,000 iterations)' },
  { producer: 'gnutls', variant: 'rc2-40', label: 'GnuTLS RC2-40, 600,000 iterations' },
  { producer: 'nss', variant: 'default', label: 'NSS pk12util (BER, AES, 600,000 iterations)', quick: true },
  { producer: 'keytool', variant: 'legacy', label: 'JDK keytool legacy (RC2-40, 3DES, SHA-1 MAC)', quick: true },
  { producer: 'keytool', variant: 'import-two', label: 'JDK keytool, two identities', quick: true },
  { producer: 'project', variant: 'rsa-a+ec-b.modern', label: 'two identities (RSA + EC), AES-256' },
  { producer: 'python-cryptography', variant: 'best-available', label: 'Python cryptography BestAvailableEncryption' },
  { producer: 'node-forge', variant: 'aes256', label: 'node-forge PBES2 (hmacWithSHA1) AES-256' },
];

export interface CorpusFiles {
  readonly entries: readonly LoadManifestEntry[];
  /** Files left out, with why. */
  readonly missing: readonly string[];
}

export async function makeCorpusFiles(context: BenchContext): Promise<CorpusFiles> {
  const { producer } = await importOr<typeof import('../../../interop/producers/index.js')>('interop/producers/index.js', 'interop producers');
  const { randomBytes } = await import('node:crypto');
  const pki = await context.pki();
  const dir = await context.dir();
  const workspace = { pki, dir, password: randomBytes(15).toString('base64url') };
  const entries: LoadManifestEntry[] = [];
  const missing: string[] = [];
  for (const file of FILES) {
    if (context.quick && !file.quick) continue;
    const made = producer(file.producer);
    const unavailable = await made.unavailable();
    if (unavailable) {
      missing.push(`${file.label}: ${unavailable}`);
      continue;
    }
    try {
      const produced = await made.variants.find((v) => v.id === file.variant)!.make(workspace);
      const path = join(dir, `load-${file.producer}-${file.variant}.p12`);
      await writeFile(path, produced.bytes, { mode: 0o600 });
      entries.push({ label: file.label, path, password: produced.password });
    } catch (error) {
      missing.push(`${file.label}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { entries, missing };
}

/**
 * Tests only: PKCS#12 files written by NSS `pk12util -o` (libnss3-tools). An openssl export of
 * the identity is imported into a fresh NSS database in the PKI's private folder and exported
 * again, so the bytes are NSS's own (BER indefinite lengths, constructed OCTET STRINGs).
 * Passwords travel through files in that folder (-w / -k), never the command line.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Issued, OpensslPki } from '../../testing/openssl-pki.js';

const run = promisify(execFile);

/** pk12util's names for the legacy PKCS#12 PBE schemes. */
export const NssCipher = {
  tripleDes: 'PKCS #12 V2 PBE With SHA-1 And 3KEY Triple DES-CBC',
  rc2With40Bits: 'PKCS #12 V2 PBE With SHA-1 And 40 Bit RC2 CBC',
} as const;

export async function nssPkcs12(pki: OpensslPki, identity: Issued, password: string, exportArgs: readonly string[] = []): Promise<Buffer> {
  const tag = `nss-${randomBytes(4).toString('hex')}`;
  const db = join(pki.dir, `${tag}-db`);
  await mkdir(db, { mode: 0o700 });
  const passwordFile = join(pki.dir, `${tag}.pass`);
  const emptyFile = join(pki.dir, `${tag}.empty`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await writeFile(emptyFile, '\n', { mode: 0o600 });
  const source = await pki.pkcs12({ identity, password, friendlyName: identity.name });
  const sourcePath = join(pki.dir, `${tag}-src.p12`);
  await writeFile(sourcePath, source, { mode: 0o600 });
  const out = join(pki.dir, `${tag}.p12`);
  await run('certutil', ['-N', '-d', `sql:${db}`, '-f', emptyFile]);
  await run('pk12util', ['-i', sourcePath, '-d', `sql:${db}`, '-k', emptyFile, '-w', passwordFile]);
  await run('pk12util', ['-o', out, '-n', identity.name, '-d', `sql:${db}`, '-k', emptyFile, '-w', passwordFile, ...exportArgs]);
  return readFile(out);
}

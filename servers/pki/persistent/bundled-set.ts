/**
 * The persistent PKI's bundled set: the .p12 files a real app build ships for CA-LOAD-BUNDLED
 * (the pre-bundled path), issued once under the persistent roots A and B, so that a build keeps
 * matching run after run. A run's own leaves are fresh each time; these are not.
 *
 * Layout in the PKI folder: bundled/<name>.p12 (exactly the files an app ships, nothing else),
 * bundled.password (0600, never printed or exported) and bundled.json (what each file holds:
 * its identity's certificate and the file's SHA-256), written last: without it the set is absent,
 * whatever an interrupted `pki init` left.
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pkcs12Bytes } from '../bundle-bytes.js';
import { asServersSeeIt, type IssuedCertificate } from '../certificate-builder.js';
import type { ExistingRoots } from '../create-test-pki.js';
import { issueIdentity } from '../issue-certificates.js';
import { generateKeys, type KeyType } from '../key-pairs.js';
import { BUNDLED_SET, IDENTITY_PLAN } from '../pki-plan.js';
import type { BundleEncoding, CaName, IdentityName } from '../types.js';
import { issuedFromPem } from './root-files.js';

export const BUNDLED_DIR = 'bundled';
export const BUNDLED_PASSWORD_FILE = 'bundled.password';
export const BUNDLED_MANIFEST_FILE = 'bundled.json';
const BUNDLED_FORMAT = 1;
const DAY = 86_400_000;

interface ManifestEntry {
  readonly name: string;
  readonly fileName: string;
  readonly identity: IdentityName;
  readonly encoding: BundleEncoding;
  /** SHA-256 of the .p12 file, lower-case hex. */
  readonly sha256: string;
  /** The identity's certificate (PEM). */
  readonly certificate: string;
}

interface BundledManifest {
  readonly format: number;
  readonly createdAt: string;
  readonly files: readonly ManifestEntry[];
}

/** One file of the set, and what the server sees when an app loads it. */
export interface PersistentBundledFile {
  /** The bundle's name, as a run's PKI names it: "rsa-a.modern". */
  readonly name: string;
  /** What the app ships and the command names: "rsa-a.modern.p12". */
  readonly fileName: string;
  readonly path: string;
  readonly identity: IdentityName;
  readonly encoding: BundleEncoding;
  readonly keyType: KeyType;
  /** As nginx prints them: RFC 2253 subject and issuer, upper-case hex serial, SHA-1 of the DER. */
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly fingerprint: string;
}

export interface PersistentBundledSet {
  /** The folder holding the .p12 files and nothing else: what an app ships. */
  readonly dir: string;
  /** Of every file (modern and legacy encodings). Stays in memory and in the run's private context. */
  readonly password: string;
  readonly files: readonly PersistentBundledFile[];
  readonly notAfter: Date;
  readonly createdAt: string;
}

export type BundledSetState =
  | { readonly state: 'present'; readonly set: PersistentBundledSet }
  | { readonly state: 'absent' }
  | { readonly state: 'damaged'; readonly problems: readonly string[] };

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** Paths of the set that must not be readable by others (checked with the root keys). */
export function bundledPrivatePaths(pkiDir: string): string[] {
  return [join(pkiDir, BUNDLED_DIR), join(pkiDir, BUNDLED_PASSWORD_FILE)];
}

/**
 * Issues the set under the roots A and B, valid as long as they are (from a day before now, for
 * device clocks that lag): an app build lasts until the roots must be renewed anyway.
 */
export async function addBundledSet(pkiDir: string, roots: ExistingRoots, now = new Date()): Promise<void> {
  const cas = roots.certificates.cas;
  const issuers = [...new Set(BUNDLED_SET.flatMap((p) => p.identities.map((i) => IDENTITY_PLAN[i].issuer as CaName)))];
  const notBefore = new Date(Math.max(now.getTime() - DAY, ...issuers.map((n) => cas[n].notBefore.getTime())));
  const notAfter = new Date(Math.min(...issuers.map((n) => cas[n].notAfter.getTime())));
  const identities = [...new Set(BUNDLED_SET.flatMap((p) => p.identities))];
  const keys = await generateKeys(Object.fromEntries(identities.map((i) => [i, IDENTITY_PLAN[i].keyType])) as Record<IdentityName, KeyType>);
  const signing = { ...roots.keys, ...keys };
  const certificates = Object.fromEntries(identities.map((i) => [i, issueIdentity(i, signing, cas, { notBefore, notAfter })])) as Record<IdentityName, IssuedCertificate>;
  const password = randomBytes(18).toString('base64url');

  // Leftovers of an interrupted init (no manifest: the set is absent) are replaced.
  const dir = join(pkiDir, BUNDLED_DIR);
  const staging = join(pkiDir, `${BUNDLED_DIR}.partial`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { mode: 0o700 });
  await chmod(staging, 0o700);
  const files: ManifestEntry[] = [];
  for (const plan of BUNDLED_SET) {
    const identity = plan.identities[0]!;
    const bytes = await pkcs12Bytes(plan.encoding, password, [{
      friendlyName: identity, privateKey: keys[identity].privateKey, certificate: certificates[identity].der, chain: [],
    }]);
    const fileName = `${plan.name}.p12`;
    await writeFile(join(staging, fileName), bytes, { mode: 0o600, flag: 'wx' });
    files.push({ name: plan.name, fileName, identity, encoding: plan.encoding, sha256: sha256(bytes), certificate: certificates[identity].pem });
  }
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
  await writeFile(join(pkiDir, BUNDLED_PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  await chmod(join(pkiDir, BUNDLED_PASSWORD_FILE), 0o600);
  const manifest: BundledManifest = { format: BUNDLED_FORMAT, createdAt: now.toISOString(), files };
  await writeFile(join(pkiDir, BUNDLED_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });
}

/** Reads and checks the set against the roots' certificates: absent, damaged (why), or present. */
export async function readBundledSet(pkiDir: string, cas: Readonly<Record<CaName, IssuedCertificate>>, now = new Date()): Promise<BundledSetState> {
  const manifestPath = join(pkiDir, BUNDLED_MANIFEST_FILE);
  if (!(await exists(manifestPath))) return { state: 'absent' };
  const problems: string[] = [];
  let manifest: BundledManifest | undefined;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BundledManifest;
    if (manifest.format !== BUNDLED_FORMAT) problems.push(`${BUNDLED_MANIFEST_FILE}: format ${manifest.format}, this version reads ${BUNDLED_FORMAT}`);
  } catch (error) {
    problems.push(`${BUNDLED_MANIFEST_FILE} unreadable: ${(error as Error).message}`);
  }
  const password = (await readFile(join(pkiDir, BUNDLED_PASSWORD_FILE), 'utf8').catch(() => '')).trim();
  if (!password) problems.push(`${BUNDLED_PASSWORD_FILE} missing or empty`);
  const dir = join(pkiDir, BUNDLED_DIR);
  const files: PersistentBundledFile[] = [];
  for (const plan of problems.length ? [] : BUNDLED_SET) {
    const entry = manifest!.files.find((f) => f.name === plan.name);
    const fileName = `${plan.name}.p12`;
    if (!entry || entry.fileName !== fileName) {
      problems.push(`${fileName}: not in ${BUNDLED_MANIFEST_FILE}`);
      continue;
    }
    const path = join(dir, fileName);
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) problems.push(`${fileName}: missing`);
    else if (sha256(bytes) !== entry.sha256) problems.push(`${fileName}: changed since pki init issued it`);
    const identity = plan.identities[0]!;
    const issuer = IDENTITY_PLAN[identity].issuer as CaName;
    let certificate: IssuedCertificate;
    try {
      certificate = issuedFromPem(entry.certificate);
      if (!new X509Certificate(entry.certificate).verify(new X509Certificate(cas[issuer].pem).publicKey)) {
        problems.push(`${fileName}: not issued under this PKI's root ${issuer}`);
      }
    } catch (error) {
      problems.push(`${fileName}: unreadable certificate (${(error as Error).message})`);
      continue;
    }
    if (certificate.notAfter <= now) problems.push(`${fileName}: expired on ${certificate.notAfter.toISOString()}`);
    files.push({
      name: plan.name, fileName, path, identity, encoding: plan.encoding, keyType: IDENTITY_PLAN[identity].keyType,
      ...asServersSeeIt(certificate),
    });
  }
  if (problems.length) return { state: 'damaged', problems };
  const notAfter = new Date(Math.min(...manifest!.files.map((f) => new Date(new X509Certificate(f.certificate).validTo).getTime())));
  return { state: 'present', set: { dir, password, files, notAfter, createdAt: manifest!.createdAt } };
}

/** What to do about a set that is not present, in words a porting team can follow. */
export function bundledSetFix(pkiDir: string, state: BundledSetState['state']): string | undefined {
  const init = `npx voltmx-conformance pki init --dir ${JSON.stringify(pkiDir)}`;
  const rest = 'then `npx voltmx-conformance pki export --format bundle --out <dir>`, ship those files in the app (docs/app-kit.md, section 6) and rebuild it';
  if (state === 'absent') return `${init} (adds the bundled set; the roots and apps built on them stay as they are), ${rest}`;
  if (state === 'damaged') return `remove ${JSON.stringify(join(pkiDir, BUNDLED_MANIFEST_FILE))}, run ${init} (issues a new bundled set; the roots stay as they are), ${rest}`;
  return undefined;
}

/** One line on the set for `pki show`, `doctor` and a run's log. */
export function describeBundledSet(state: BundledSetState): string {
  if (state.state === 'present') return `present (${state.set.files.map((f) => f.fileName).join(', ')}), valid until ${state.set.notAfter.toISOString()}`;
  if (state.state === 'absent') return 'absent (a PKI made before it)';
  return `damaged (${state.problems.join('; ')})`;
}

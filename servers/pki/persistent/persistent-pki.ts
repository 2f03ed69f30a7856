/**
 * The persistent test PKI (like mkcert's CA root): long-lived roots in a 0700 folder with 0600
 * keys, made once by `pki init`, so an app built to trust the server CA keeps working across
 * runs. `init` is idempotent: a complete folder is kept as it is, except that one made before
 * the bundled set (bundled-set.ts) gets it added, its roots untouched.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import type { ExistingRoots } from '../create-test-pki.js';
import { addBundledSet, bundledPrivatePaths, readBundledSet, type BundledSetState } from './bundled-set.js';
import { issueRoots, ROOT_NAMES, type IssuedRoots, type RootName } from '../issue-certificates.js';
import { generateKeys, type KeyPair, type KeyType } from '../key-pairs.js';
import { CA_PLAN } from '../pki-plan.js';
import type { CaName } from '../types.js';
import {
  PersistentPkiExpiringError, PersistentPkiIncompleteError, PersistentPkiInsecureError, PersistentPkiMissingError,
} from './errors.js';
import {
  certificatePath, FORMAT_VERSION, issuedFromPem, keyPairFromPem, keyPath, MANIFEST_FILE, type Manifest,
} from './root-files.js';

const DAY = 86_400_000;
/** A run refuses roots that expire sooner: a test build must not stop working mid-week. */
export const DEFAULT_MINIMUM_DAYS_LEFT = 30;

export interface PersistentPkiInfo {
  readonly dir: string;
  /** Path of the server CA certificate (PEM): what an app must trust. */
  readonly serverCa: string;
  /** SHA-256 of the server CA's DER, lower-case hex. */
  readonly serverCaSha256: string;
  readonly notAfter: Date;
  readonly createdAt: string;
}

export interface LoadedPersistentPki extends PersistentPkiInfo {
  /** For createTestPki({ roots }): the keys stay in memory, never copied elsewhere. */
  readonly roots: ExistingRoots;
  /** The files a real app build ships for CA-LOAD-BUNDLED; absent in a folder made before them. */
  readonly bundled: BundledSetState;
}

export interface InitResult extends PersistentPkiInfo {
  /** false: the folder already held a complete PKI and was kept. */
  readonly created: boolean;
  /** created with the roots; added to a PKI made before it; kept; or damaged (left as it is, see bundled.problems). */
  readonly bundledSet: 'created' | 'added' | 'kept' | 'damaged';
  readonly bundled: BundledSetState;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

function keyTypeOf(name: RootName): KeyType {
  return name === 'serverCa' ? 'RSA' : CA_PLAN[name as CaName].keyType;
}

export async function initPersistentPki(dir: string, now = new Date()): Promise<InitResult> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const present = await Promise.all(ROOT_NAMES.flatMap((n) => [certificatePath(dir, n), keyPath(dir, n)]).map(exists));
  if (present.every(Boolean)) {
    const kept = await loadPersistentPki(dir, { now, minimumDaysLeft: 0 });
    if (kept.bundled.state !== 'absent') return { ...kept, created: false, bundledSet: kept.bundled.state === 'present' ? 'kept' : 'damaged' };
    // Apps built on these roots keep working: only the bundled set is written.
    await addBundledSet(dir, kept.roots, now);
    return { ...(await loadPersistentPki(dir, { now, minimumDaysLeft: 0 })), created: false, bundledSet: 'added' };
  }
  if (present.some(Boolean) || (await exists(`${dir}/${MANIFEST_FILE}`))) {
    // Half a PKI: replacing any root would silently break apps built on the others.
    await loadPersistentPki(dir, { now, minimumDaysLeft: 0 });
  }
  const plan = Object.fromEntries(ROOT_NAMES.map((n) => [n, keyTypeOf(n)])) as Record<RootName, KeyType>;
  const keys = await generateKeys(plan);
  const roots = issueRoots(keys, now);
  for (const name of ROOT_NAMES) {
    await writeFile(keyPath(dir, name), keys[name].privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600, flag: 'wx' });
    await writeFile(certificatePath(dir, name), certificateOf(roots, name).pem, { mode: 0o644, flag: 'wx' });
  }
  const manifest: Manifest = { format: FORMAT_VERSION, createdAt: now.toISOString() };
  await writeFile(`${dir}/${MANIFEST_FILE}`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644, flag: 'wx' });
  const made = await loadPersistentPki(dir, { now, minimumDaysLeft: 0 });
  await addBundledSet(dir, made.roots, now);
  return { ...(await loadPersistentPki(dir, { now, minimumDaysLeft: 0 })), created: true, bundledSet: 'created' };
}

function certificateOf(roots: IssuedRoots, name: RootName) {
  return name === 'serverCa' ? roots.serverCa : roots.cas[name];
}

export interface LoadOptions {
  readonly now?: Date;
  /** Refuse roots expiring within this many days (default 30; 0 accepts anything not yet expired). */
  readonly minimumDaysLeft?: number;
}

/** Reads and checks the roots; typed errors (with the fix) for missing, damaged, insecure or expiring ones. */
export async function loadPersistentPki(dir: string, options: LoadOptions = {}): Promise<LoadedPersistentPki> {
  const now = options.now ?? new Date();
  const folder = await stat(dir).catch(() => undefined);
  if (!folder?.isDirectory() || (await readdir(dir)).length === 0) throw new PersistentPkiMissingError(dir);
  const insecure: string[] = [];
  if ((folder.mode & 0o077) !== 0) insecure.push(dir);
  const problems: string[] = [];
  const certs = {} as Record<RootName, ReturnType<typeof issuedFromPem>>;
  const keys = {} as Record<RootName, KeyPair>;
  for (const name of ROOT_NAMES) {
    try {
      const keyFile = keyPath(dir, name);
      if (((await stat(keyFile)).mode & 0o077) !== 0) insecure.push(keyFile);
      keys[name] = keyPairFromPem(await readFile(keyFile, 'utf8'));
      certs[name] = issuedFromPem(await readFile(certificatePath(dir, name), 'utf8'));
      if (!new X509Certificate(certs[name].pem).checkPrivateKey(keys[name].privateKey)) problems.push(`${name}: key and certificate do not match`);
    } catch (error) {
      problems.push(`${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message}`);
    }
  }
  const manifest = await readFile(`${dir}/${MANIFEST_FILE}`, 'utf8').then((t) => JSON.parse(t) as Manifest, () => undefined);
  if (!manifest) problems.push(`${MANIFEST_FILE} missing or unreadable`);
  else if (manifest.format !== FORMAT_VERSION) problems.push(`format ${manifest.format}, this version reads ${FORMAT_VERSION}`);
  if (problems.length) throw new PersistentPkiIncompleteError(dir, problems);
  for (const path of bundledPrivatePaths(dir)) {
    const mode = await stat(path).then((s) => s.mode, () => 0);
    if ((mode & 0o077) !== 0) insecure.push(path);
  }
  if (insecure.length) throw new PersistentPkiInsecureError(dir, insecure);

  const notAfter = new Date(Math.min(...ROOT_NAMES.map((n) => certs[n].notAfter.getTime())));
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY);
  if (daysLeft < (options.minimumDaysLeft ?? DEFAULT_MINIMUM_DAYS_LEFT) || notAfter <= now) {
    throw new PersistentPkiExpiringError(dir, notAfter, daysLeft);
  }
  const { serverCa, ...cas } = certs;
  return {
    bundled: await readBundledSet(dir, cas, now),
    dir,
    serverCa: certificatePath(dir, 'serverCa'),
    serverCaSha256: createHash('sha256').update(serverCa.der).digest('hex'),
    notAfter,
    createdAt: manifest!.createdAt,
    roots: { certificates: { serverCa, cas }, keys },
  };
}

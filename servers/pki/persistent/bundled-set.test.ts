import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestPki } from '../create-test-pki.js';
import { BUNDLED_SET } from '../pki-plan.js';
import { openssl, PASSIN, parsePkcs12Dump } from '../testing/openssl.js';
import {
  BUNDLE_NEXT_STEPS, BUNDLED_DIR, BUNDLED_MANIFEST_FILE, BUNDLED_PASSWORD_FILE, exportPersistentPki, initPersistentPki,
  loadPersistentPki, PersistentPkiInsecureError, PersistentPkiNoBundledSetError, persistentPkiStatus,
} from './index.js';

// Everything below lives in one private temp folder, removed afterwards.
let work: string;
before(async () => { work = await mkdtemp(join(tmpdir(), 'voltmx-bundled-set-test-')); });
after(async () => { await rm(work, { recursive: true, force: true }); });

const NAMES = ['ec-b.legacy.p12', 'ec-b.modern.p12', 'rsa-a.legacy.p12', 'rsa-a.modern.p12'];
const ROOT_FILES = ['ca-A', 'ca-B', 'ca-C', 'ca-intermediateA', 'server-ca'].flatMap((s) => [`${s}.crt`, `${s}.key`]).concat('pki.json');

async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  return new Map(await Promise.all(ROOT_FILES.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

/** A folder as `pki init` made it before the bundled set existed. */
async function oldFolder(name: string): Promise<string> {
  const dir = join(work, name);
  await initPersistentPki(dir);
  for (const f of [BUNDLED_DIR, BUNDLED_MANIFEST_FILE, BUNDLED_PASSWORD_FILE]) await rm(join(dir, f), { recursive: true, force: true });
  return dir;
}

describe('the persistent PKI\'s bundled set', () => {
  test('init on a folder made before it adds the set and leaves every root byte as it was; a second init keeps it', async () => {
    const dir = await oldFolder('old');
    const before = await snapshot(dir);
    const status = await persistentPkiStatus(dir);
    assert.deepEqual([status.state, status.bundledSet], ['ready', 'absent']);
    assert.match(status.bundledFix ?? '', /pki init --dir .*adds the bundled set.*pki export --format bundle/);
    assert.equal((await loadPersistentPki(dir)).bundled.state, 'absent');

    const added = await initPersistentPki(dir);
    assert.deepEqual([added.created, added.bundledSet], [false, 'added']);
    const after = await snapshot(dir);
    for (const [file, bytes] of before) assert.ok(bytes.equals(after.get(file)!), `${file} unchanged`);
    assert.deepEqual((await readdir(join(dir, BUNDLED_DIR))).sort(), NAMES);
    assert.equal((await stat(join(dir, BUNDLED_DIR))).mode & 0o777, 0o700);
    assert.equal((await stat(join(dir, BUNDLED_PASSWORD_FILE))).mode & 0o777, 0o600);
    for (const name of NAMES) assert.equal((await stat(join(dir, BUNDLED_DIR, name))).mode & 0o777, 0o600, name);

    const files = await Promise.all(NAMES.map((name) => readFile(join(dir, BUNDLED_DIR, name))));
    const again = await initPersistentPki(dir);
    assert.equal(again.bundledSet, 'kept');
    for (const [i, name] of NAMES.entries()) assert.ok(files[i]!.equals(await readFile(join(dir, BUNDLED_DIR, name))), `${name} kept`);
    assert.equal((await persistentPkiStatus(dir)).bundledSet, 'present');
  });

  test('each file holds its identity under the persistent root, valid as long as the roots, opened with the kept password (openssl)', async () => {
    const dir = join(work, 'fresh');
    const made = await initPersistentPki(dir);
    assert.equal(made.bundledSet, 'created');
    const pki = await loadPersistentPki(dir);
    assert.equal(pki.bundled.state, 'present');
    if (pki.bundled.state !== 'present') return;
    const { set } = pki.bundled;
    assert.deepEqual(set.files.map((f) => f.name), BUNDLED_SET.map((p) => p.name));
    assert.equal(set.notAfter.getTime(), pki.notAfter.getTime(), 'no earlier expiry than the roots');
    assert.equal(set.password, (await readFile(join(dir, BUNDLED_PASSWORD_FILE), 'utf8')).trim());
    for (const file of set.files) {
      const dump = await openssl(['pkcs12', '-in', file.path, '-nodes', '-passin', PASSIN], set.password);
      assert.equal(dump.code, 0, `${file.fileName}: ${dump.stderr}`);
      const certificate = parsePkcs12Dump(dump.stdout).find((b) => b.label === 'CERTIFICATE')!;
      const x509 = new X509Certificate(certificate.pem);
      assert.equal(createHash('sha1').update(x509.raw).digest('hex'), file.fingerprint, file.fileName);
      const root = new X509Certificate(await readFile(join(dir, file.identity === 'rsa-a' ? 'ca-A.crt' : 'ca-B.crt')));
      assert.ok(x509.verify(root.publicKey), `${file.fileName} is issued under its persistent root`);
      assert.ok(x509.checkIssued(root));
      assert.ok(new Date(x509.validFrom).getTime() < Date.now() - 3_600_000, 'a day of slack for lagging device clocks');
      assert.equal(file.subject, `CN=${file.identity},O=voltmx-conformance`);
    }
    // Every run issues fresh leaves: the set's identities are not theirs, and outlive them.
    const run = await createTestPki({ roots: pki.roots, dir: work });
    try {
      assert.notEqual(run.identities['rsa-a'].fingerprint, set.files.find((f) => f.identity === 'rsa-a')!.fingerprint);
    } finally {
      await run.dispose();
    }
  });

  test('export --format bundle writes exactly the set\'s files, byte for byte, and no secret; next steps per platform', async () => {
    const dir = join(work, 'fresh');
    const pki = await loadPersistentPki(dir);
    if (pki.bundled.state !== 'present') assert.fail('no bundled set');
    const out = join(work, 'exported');
    const result = await exportPersistentPki(dir, 'bundle', out);
    assert.deepEqual((await readdir(out)).sort(), NAMES);
    assert.deepEqual(result.files, pki.bundled.set.files.map((f) => join(out, f.fileName)));
    for (const file of pki.bundled.set.files) assert.ok((await readFile(join(out, file.fileName))).equals(await readFile(file.path)), file.fileName);
    const secrets = [pki.bundled.set.password, ...(await Promise.all(['ca-A.key', 'ca-B.key', 'server-ca.key'].map((k) => readFile(join(dir, k), 'utf8'))))];
    for (const name of NAMES) {
      const text = (await readFile(join(out, name))).toString('latin1');
      for (const secret of secrets) assert.ok(!text.includes(secret.trim()), `${name} holds no password or root key`);
      assert.doesNotMatch(text, /PRIVATE KEY/);
    }
    assert.equal(result.next, BUNDLE_NEXT_STEPS);
    assert.match(result.next[0]!, /^Android: .*assets\/.*copyBundledFile/);
    assert.match(result.next[1]!, /^iOS: .*resources.*bundle/);
    assert.doesNotMatch(result.next.join('\n'), new RegExp(pki.bundled.set.password));
  });

  test('a changed file is a damaged set: export refuses with the fix, a run falls back; an open password file is insecure', async () => {
    const dir = join(work, 'damaged');
    await initPersistentPki(dir);
    await writeFile(join(dir, BUNDLED_DIR, 'rsa-a.modern.p12'), 'not the file pki init wrote');
    const pki = await loadPersistentPki(dir);
    assert.equal(pki.bundled.state, 'damaged');
    assert.match(pki.bundled.state === 'damaged' ? pki.bundled.problems.join() : '', /rsa-a\.modern\.p12: changed since pki init/);
    await assert.rejects(exportPersistentPki(dir, 'bundle', join(work, 'nothing')), (e: PersistentPkiNoBundledSetError) =>
      e instanceof PersistentPkiNoBundledSetError && e.code === 'PKI_NO_BUNDLED_SET' && /remove .*bundled\.json.*pki init/.test(e.fix));
    // init leaves a damaged set to the user (an app may be built on it): it says the fix instead.
    assert.equal((await initPersistentPki(dir)).bundledSet, 'damaged');
    await rm(join(dir, BUNDLED_MANIFEST_FILE));
    assert.equal((await initPersistentPki(dir)).bundledSet, 'added');

    await chmod(join(dir, BUNDLED_PASSWORD_FILE), 0o644);
    await assert.rejects(loadPersistentPki(dir), (e: PersistentPkiInsecureError) =>
      e instanceof PersistentPkiInsecureError && e.paths.includes(join(dir, BUNDLED_PASSWORD_FILE)) && /chmod -R go-rwx .*bundled\.password/.test(e.fix));
  });
});

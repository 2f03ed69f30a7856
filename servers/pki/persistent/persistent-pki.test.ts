import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ServerFleet } from '../../fleet/server-fleet.js';
import { probe } from '../../fleet/testing/https-probe.js';
import { createTestPki } from '../create-test-pki.js';
import {
  defaultPkiDir, exportPersistentPki, initPersistentPki, loadPersistentPki, NETWORK_SECURITY_CONFIG,
  PersistentPkiExpiringError, PersistentPkiIncompleteError, PersistentPkiInsecureError, PersistentPkiMissingError,
  persistentPkiStatus, PkiFolderInRepositoryError, REPOSITORY_ROOT, resolvePkiDir,
} from './index.js';

// Everything below lives in one private temp folder, removed afterwards.
let work: string;
let dir: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'voltmx-persistent-pki-test-'));
  dir = join(work, 'pki');
});
after(async () => { await rm(work, { recursive: true, force: true }); });

describe('persistent PKI', () => {
  test('init makes the roots (keys 0600, folder 0700); a second init keeps them', async () => {
    const first = await initPersistentPki(dir);
    assert.equal(first.created, true);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, [
      'bundled', 'bundled.json', 'bundled.password', 'ca-A.crt', 'ca-A.key', 'ca-B.crt', 'ca-B.key', 'ca-C.crt', 'ca-C.key', 'ca-intermediateA.crt', 'ca-intermediateA.key',
      'pki.json', 'server-ca.crt', 'server-ca.key',
    ]);
    for (const key of files.filter((f) => f.endsWith('.key') || f === 'bundled.password')) assert.equal((await stat(join(dir, key))).mode & 0o777, 0o600, key);
    const der = new X509Certificate(await readFile(first.serverCa, 'utf8')).raw;
    assert.equal(first.serverCaSha256, createHash('sha256').update(der).digest('hex'));
    assert.ok(first.notAfter.getTime() > Date.now() + 3000 * 86_400_000, 'roots last years');

    const keyBefore = await readFile(join(dir, 'server-ca.key'));
    const second = await initPersistentPki(dir);
    assert.equal(second.created, false);
    assert.equal(second.serverCaSha256, first.serverCaSha256);
    assert.ok(keyBefore.equals(await readFile(join(dir, 'server-ca.key'))), 'the key is untouched');
    const status = await persistentPkiStatus(dir);
    assert.deepEqual([status.state, status.serverCa, status.serverCaSha256], ['ready', first.serverCa, first.serverCaSha256]);
  });

  test('runs issue fresh leaves under the same roots: servers chain to the exported CA (real TLS)', async () => {
    const exported = join(work, 'export', 'server-ca.pem');
    await exportPersistentPki(dir, 'pem', exported);
    const trusted = await readFile(exported, 'utf8');
    const seen: string[] = [];
    for (let run = 0; run < 2; run += 1) {
      const { roots } = await loadPersistentPki(dir);
      const pki = await createTestPki({ roots, dir: work });
      try {
        // The run's folder holds certificates and leaf keys, never a root key.
        const names = await readdir(pki.dir);
        assert.ok(!names.some((n) => /^(ca-.*|server-ca)\.key$/.test(n)), names.join(' '));
        assert.equal(pki.serverCa.pem, trusted);
        const fleet = await new ServerFleet(pki).withScenarios(['no-client-auth', 'required-a']).start();
        try {
          // A client trusting only the exported CA (not the run's copy).
          const asClient = { ...pki, serverCa: { pem: trusted, path: exported } };
          const plain = await probe(asClient, fleet.endpoint('no-client-auth').port, '/whoami');
          assert.deepEqual([plain.status, plain.json.verify], [200, 'NONE']);
          const mutual = await probe(asClient, fleet.endpoint('required-a').port, '/whoami', { identity: pki.identities['rsa-a'] });
          assert.deepEqual([mutual.status, mutual.json.verify, mutual.json.issuer], [200, 'SUCCESS', pki.cas.A.subject]);
        } finally {
          await fleet.stop();
        }
        const leaf = new X509Certificate(pki.server.certificate.pem);
        assert.ok(leaf.verify(new X509Certificate(trusted).publicKey), 'the server leaf is signed by the persistent server CA');
        assert.ok(new X509Certificate(pki.identities['rsa-a'].certificate.pem).verify(new X509Certificate(await readFile(join(dir, 'ca-A.crt'))).publicKey));
        seen.push(leaf.fingerprint256);
      } finally {
        await pki.dispose();
      }
    }
    assert.notEqual(seen[0], seen[1], 'each run has its own server leaf');
  });

  test('export: pem, der, android resources, ios certificate', async () => {
    const pem = await readFile(join(dir, 'server-ca.crt'), 'utf8');
    const der = await exportPersistentPki(dir, 'der', join(work, 'out', 'ca.der'));
    assert.ok((await readFile(der.files[0]!)).equals(new X509Certificate(pem).raw));
    const android = await exportPersistentPki(dir, 'android', join(work, 'out', 'app'));
    assert.deepEqual(android.files, [join(work, 'out', 'app', 'res', 'raw', 'voltmx_test_ca.pem'), join(work, 'out', 'app', 'res', 'xml', 'network_security_config.xml')]);
    assert.equal(await readFile(android.files[0]!, 'utf8'), pem);
    const xml = await readFile(android.files[1]!, 'utf8');
    assert.equal(xml, NETWORK_SECURITY_CONFIG);
    assert.match(xml, /<certificates src="@raw\/voltmx_test_ca" \/>/);
    // docs/app-contract.md shows the file as it is written.
    const doc = await readFile(join(REPOSITORY_ROOT, 'docs', 'app-contract.md'), 'utf8');
    for (const line of xml.trim().split('\n')) assert.ok(doc.includes(`     ${line}\n`), `the contract doc shows: ${line}`);
    const ios = await exportPersistentPki(dir, 'ios', join(work, 'out', 'voltmx-test-ca.pem'));
    assert.equal(await readFile(ios.files[0]!, 'utf8'), pem);
    assert.match(ios.next[0]!, /^xcrun simctl keychain <udid\|booted> add-root-cert /);
    for (const file of [...der.files, ...android.files, ...ios.files]) assert.doesNotMatch(await readFile(file, 'utf8'), /PRIVATE KEY/);
  });

  test('missing, insecure, damaged and expiring PKIs are typed errors that say the fix', async () => {
    const missing = join(work, 'nothing-here');
    await assert.rejects(loadPersistentPki(missing), (e: PersistentPkiMissingError) =>
      e instanceof PersistentPkiMissingError && e.code === 'PKI_NOT_INITIALIZED' && /pki init --dir/.test(e.message));
    assert.equal((await persistentPkiStatus(missing)).state, 'missing');

    const { notAfter } = await loadPersistentPki(dir);
    const nearEnd = new Date(notAfter.getTime() - 10 * 86_400_000);
    await assert.rejects(loadPersistentPki(dir, { now: nearEnd }), (e: PersistentPkiExpiringError) =>
      e instanceof PersistentPkiExpiringError && e.code === 'PKI_EXPIRING' && e.daysLeft === 10 && /pki init/.test(e.fix));
    assert.equal((await persistentPkiStatus(dir, nearEnd)).state, 'expiring');
    assert.equal((await persistentPkiStatus(dir, new Date(notAfter.getTime() + 1000))).state, 'expired');

    await chmod(join(dir, 'ca-B.key'), 0o644);
    await assert.rejects(loadPersistentPki(dir), (e: PersistentPkiInsecureError) =>
      e instanceof PersistentPkiInsecureError && e.code === 'PKI_INSECURE' && e.paths.includes(join(dir, 'ca-B.key')) && /chmod 600/.test(e.fix));
    await chmod(join(dir, 'ca-B.key'), 0o600);

    await unlink(join(dir, 'ca-C.key'));
    await assert.rejects(loadPersistentPki(dir), (e: PersistentPkiIncompleteError) =>
      e instanceof PersistentPkiIncompleteError && e.code === 'PKI_INCOMPLETE' && e.problems.some((p) => p.startsWith('C: missing')));
    // init never patches half a PKI: apps built on the other roots would silently break.
    await assert.rejects(initPersistentPki(dir), PersistentPkiIncompleteError);
  });

  test('the default folder: VOLTMX_PKI_DIR, XDG_DATA_HOME, macOS; never inside the repository', () => {
    assert.equal(defaultPkiDir({ VOLTMX_PKI_DIR: '/srv/pki' }, 'linux', '/home/u'), '/srv/pki');
    assert.equal(defaultPkiDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/u'), '/x/data/voltmx-conformance/pki');
    assert.equal(defaultPkiDir({}, 'linux', '/home/u'), '/home/u/.local/share/voltmx-conformance/pki');
    assert.equal(defaultPkiDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Application Support/voltmx-conformance/pki');
    assert.throws(() => resolvePkiDir(join(REPOSITORY_ROOT, 'pki')), PkiFolderInRepositoryError);
    assert.throws(() => resolvePkiDir(undefined, { VOLTMX_PKI_DIR: REPOSITORY_ROOT }), (e: PkiFolderInRepositoryError) => e.code === 'PKI_IN_REPOSITORY');
    assert.equal(resolvePkiDir(dir), dir);
  });
});

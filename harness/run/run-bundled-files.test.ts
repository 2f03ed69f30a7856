import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { referenceAndroid, referenceIos, type DeviceProfile } from '../../devices/profiles/index.js';
import { createTestPki } from '../../servers/pki/index.js';
import {
  BUNDLED_DIR, BUNDLED_MANIFEST_FILE, BUNDLED_PASSWORD_FILE, initPersistentPki, loadPersistentPki, type LoadedPersistentPki,
} from '../../servers/pki/persistent/index.js';
import { runConformance } from './run-conformance.js';
import { SPECS_DIR } from './spec-files.js';

// CA-LOAD-BUNDLED end to end on both reference devices: the app ships files, the run loads them by name.
let work: string;
before(async () => { work = await mkdtemp(join(tmpdir(), 'voltmx-run-bundled-test-')); });
after(async () => { await rm(work, { recursive: true, force: true }); });

/** The reference profiles, optionally shipping `bundledFiles` whatever the run hands them (a prebuilt app). */
function profiles(bundledFiles?: string): DeviceProfile[] {
  return [referenceAndroid(), referenceIos()].map((base) => bundledFiles
    ? { ...base, capabilities: (options) => base.capabilities({ ...options, bundledFiles }) }
    : base);
}

async function runBundled(name: string, persistentPki: LoadedPersistentPki, deviceProfiles: DeviceProfile[]) {
  const lines: string[] = [];
  const outcome = await runConformance({
    profiles: deviceProfiles,
    backend: 'embedded',
    specs: [join(SPECS_DIR, 'loading.spec.ts')],
    grep: 'CA-LOAD-BUNDLED',
    expectations: new Map(),
    reportDir: join(work, `reports-${name}`),
    keepPki: false,
    persistentPki,
    appiumUrl: process.env.VOLTMX_APPIUM_URL,
    tool: { name: 'voltmx-conformance', version: 'test' },
    log: (line) => lines.push(line),
  });
  const results = ['reference-android', 'reference-ios'].map((device) => outcome.report.results.find((r) => r.requirement === 'CA-LOAD-BUNDLED' && r.device === device));
  return { outcome, results, log: lines.join('\n') };
}

describe('CA-LOAD-BUNDLED on a persistent PKI', { timeout: 300_000 }, () => {
  test('the app ships the bundled set: passes on reference-android and reference-ios, the server seeing the set\'s identities', async () => {
    const pkiDir = join(work, 'pki');
    await initPersistentPki(pkiDir);
    const pki = await loadPersistentPki(pkiDir);
    if (pki.bundled.state !== 'present') assert.fail('no bundled set');
    const { outcome, results, log } = await runBundled('set', pki, profiles());
    assert.deepEqual(outcome.report.infrastructureErrors, [], log);
    for (const result of results) {
      assert.equal(result?.status, 'pass', `${result?.device}: ${JSON.stringify(result)}`);
      const seen = result?.observation?.fingerprint;
      assert.ok(pki.bundled.set.files.some((f) => f.fingerprint === seen), `${result?.device}: the server saw ${seen}, one of the bundled set's identities`);
    }
    assert.equal(outcome.exitCode, 0);
    assert.doesNotMatch(log, /bundled set is/, 'no notice: the PKI has its set');
    assert.doesNotMatch(log, new RegExp(pki.bundled.set.password), 'the password is never printed');
    // Nor written: it lasts beyond the run (the report folder holds appium.log and the WebdriverIO logs).
    for (const file of await readdir(join(work, 'reports-set'), { recursive: true })) {
      const path = join(work, 'reports-set', file);
      if ((await stat(path)).isFile()) assert.ok(!(await readFile(path, 'utf8')).includes(pki.bundled.set.password), file);
    }
  });

  test('an app shipping other files (a run\'s fresh ones under the same roots) is not judged: an error naming the fix, on both devices', async () => {
    const pki = await loadPersistentPki(join(work, 'pki'));
    const fresh = await createTestPki({ roots: pki.roots, dir: work });
    try {
      const { outcome, results, log } = await runBundled('stale', pki, profiles(dirname(fresh.bundle('rsa-a.modern').path)));
      for (const result of results) {
        assert.equal(result?.status, 'error', `${result?.device}: ${JSON.stringify(result)}`);
        assert.equal(result?.unexpected, true);
        assert.match(result?.message ?? '', /BUNDLED_FILE_STALE|is not the file this run loads/, log);
        assert.match(result?.message ?? '', /pki export --format bundle/);
      }
      assert.notEqual(outcome.exitCode, 0);
    } finally {
      await fresh.dispose();
    }
  });

  test('a PKI made before the bundled set: the run says the fix once and uses its own bundles, which the reference devices ship', async () => {
    const pkiDir = join(work, 'old-pki');
    await initPersistentPki(pkiDir);
    for (const f of [BUNDLED_DIR, BUNDLED_MANIFEST_FILE, BUNDLED_PASSWORD_FILE]) await rm(join(pkiDir, f), { recursive: true, force: true });
    const pki = await loadPersistentPki(pkiDir);
    assert.equal(pki.bundled.state, 'absent');
    const { outcome, results, log } = await runBundled('old', pki, profiles());
    assert.equal(log.match(/bundled set is absent/g)?.length, 1, log);
    assert.match(log, /pki init --dir .*adds the bundled set.*pki export --format bundle --out <dir>.*rebuild/);
    for (const result of results) assert.equal(result?.status, 'pass', `${result?.device}: ${JSON.stringify(result)}`);
    assert.equal(outcome.exitCode, 0);
  });
});

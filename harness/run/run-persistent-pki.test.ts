import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CommandRunner } from '../../devices/prepare/index.js';
import { referenceIos, type DeviceProfile } from '../../devices/profiles/index.js';
import { freePortRange } from '../../servers/fleet/testing/free-port-range.js';
import { fleetPortsNeeded } from '../../servers/fleet/server-fleet.js';
import { findJavaSync } from '../../servers/java/java-tools.js';
import { exportPersistentPki, initPersistentPki, loadPersistentPki } from '../../servers/pki/persistent/index.js';
import { SCENARIOS } from '../../servers/scenarios/catalog.js';
import { runConformance } from './run-conformance.js';
import { SPECS_DIR } from './spec-files.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'voltmx-run-persistent-test-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

test('a "prebuilt app" trusting only the exported CA passes run after run on the persistent PKI (fixed ports, --host, simulator step)', { timeout: 240_000 }, async () => {
  const pkiDir = join(dir, 'pki');
  await initPersistentPki(pkiDir);
  const exported = join(dir, 'built-into-the-app.pem');
  await exportPersistentPki(pkiDir, 'pem', exported);
  const builtIn = await readFile(exported, 'utf8');
  // Like an app built once: it trusts the exported CA, whatever CA the run would hand it.
  const base = referenceIos();
  const prebuilt: DeviceProfile = {
    ...base,
    capabilities: () => base.capabilities({ trustCa: [builtIn] }),
    simulatorUdid: 'SIM-UDID',
  };
  for (let run = 1; run <= 2; run += 1) {
    const persistentPki = await loadPersistentPki(pkiDir);
    // xcrun cannot exist here: record the step, and read the CA file it is handed while the run has it.
    const handed: string[] = [];
    const runner: CommandRunner = {
      run: async (command, args) => {
        handed.push([command, ...args].join(' '));
        if (args[1] === 'keychain') handed.push(readFileSync(args[4]!, 'utf8'));
        return { stdout: '', stderr: '' };
      },
    };
    // The plan covers the Java judge's scenarios too when javac is there (every run starts it).
    const needed = fleetPortsNeeded(SCENARIOS.length, findJavaSync());
    const from = await freePortRange(needed);
    const lines: string[] = [];
    const outcome = await runConformance({
      profiles: [prebuilt],
      backend: 'embedded',
      specs: [join(SPECS_DIR, 'loading.spec.ts')],
      grep: 'CA-LOAD-FROM-HTTP',
      expectations: new Map(),
      reportDir: join(dir, `reports-${run}`),
      keepPki: false,
      persistentPki,
      network: { bind: '127.0.0.1', ports: { from, to: from + needed - 1 } },
      reach: { hosts: ['127.0.0.1'] },
      commandRunner: runner,
      appiumUrl: process.env.VOLTMX_APPIUM_URL,
      tool: { name: 'voltmx-conformance', version: 'test' },
      log: (line) => lines.push(line),
    });
    const log = lines.join('\n');
    assert.deepEqual(outcome.report.infrastructureErrors, [], log);
    const result = outcome.report.results.find((r) => r.requirement === 'CA-LOAD-FROM-HTTP');
    assert.equal(result?.status, 'pass', `run ${run}: ${JSON.stringify(result)}`);
    assert.equal(outcome.exitCode, 0);
    // No SNI: the device's URL named the --host address 127.0.0.1, not its usual localhost.
    assert.equal(result?.observation?.sni, null, JSON.stringify(result?.observation));
    assert.match(log, new RegExp(`persistent test PKI .*server CA sha256 ${persistentPki.serverCaSha256}`));
    assert.match(log, new RegExp(`no-client-auth\\s+https://localhost:${from + SCENARIOS.findIndex((s) => s.id === 'no-client-auth')}`));
    assert.equal(handed[0], 'xcrun simctl bootstatus SIM-UDID -b');
    assert.match(handed[1]!, /^xcrun simctl keychain SIM-UDID add-root-cert \S+server-ca\.crt$/);
    assert.equal(handed[2], builtIn, 'the simulator is given the persistent server CA');
    assert.doesNotMatch(log, /WARNING/);
  }
});

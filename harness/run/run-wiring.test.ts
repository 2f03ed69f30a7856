/**
 * The wiring self-test, end to end: reference devices wired wrong on purpose (the reference
 * driver's `voltmx:miswired` capability, a kit built otherwise, or a CA the app trusts) each give exactly one
 * infrastructure error (exit 3) naming the fix, before any spec runs; a TLS-terminating relay
 * built here on loopback in front of the fleet is reported as such.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';
import { buildKit, type KitOptions } from '../../devices/app-kit/build-kit.js';
import { referenceAndroid, referenceIos, type DeviceProfile } from '../../devices/profiles/index.js';
import { fleetPortsNeeded } from '../../servers/fleet/server-fleet.js';
import { freePortRange } from '../../servers/fleet/testing/free-port-range.js';
import { findJavaSync } from '../../servers/java/java-tools.js';
import { createTestPki, type CreatedTestPki } from '../../servers/pki/index.js';
import { exportPersistentPki, initPersistentPki, loadPersistentPki } from '../../servers/pki/persistent/index.js';
import { SCENARIOS } from '../../servers/scenarios/catalog.js';
import { ExitCode } from '../reports/run-report.js';
import type { RunDevice } from './devices-file.js';
import { runConformance } from './run-conformance.js';
import { SPECS_DIR } from './spec-files.js';

let dir: string;
let otherPki: CreatedTestPki;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-run-wiring-'));
  otherPki = await createTestPki({ keep: false });
});
after(async () => {
  await otherPki?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const SPEC = join(SPECS_DIR, 'send-only-when-challenged.spec.ts');

/** A kit file as `app-kit` writes it, built with other settings than the run's. */
async function kitFile(name: string, options: KitOptions): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, buildKit(options));
  return path;
}
const base = { backend: 'embedded' as const, specs: [SPEC], expectations: new Map(), keepPki: false, tool: { name: 'voltmx-conformance', version: 'test' } };

test('each way an app can be wired wrong is one infrastructure error (exit 3) naming its fix, and no spec runs', { timeout: 240_000 }, async () => {
  const miswired = (name: string, profile: DeviceProfile, capabilities: Record<string, unknown>): RunDevice => ({ name, profile, capabilities });
  const devices = [
    miswired('widget-missing', referenceIos(), { 'voltmx:miswired': { hideWidget: 'result' } }),
    miswired('push-unreadable', referenceAndroid(), { 'voltmx:miswired': { pushedFiles: 'unreadable' } }),
    miswired('push-altered', referenceIos(), { 'voltmx:miswired': { pushedFiles: 'altered' } }),
    miswired('old-kit', referenceAndroid(), { 'voltmx:appKit': await kitFile('old-kit.js', { caFingerprint: null, version: '0.0.1' }) }),
    // Built for another PKI: it says so (info.caFingerprint), or it does not and only the handshake tells.
    miswired('other-pki', referenceIos(), { 'voltmx:trustCa': [otherPki.serverCa.pem] }),
    miswired('ca-not-trusted', referenceAndroid(), { 'voltmx:trustCa': [otherPki.serverCa.pem], 'voltmx:appKit': await kitFile('silent-kit.js', { caFingerprint: null }) }),
  ];
  const lines: string[] = [];
  const outcome = await runConformance({ ...base, devices, reportDir: join(dir, 'miswired'), appiumUrl: process.env.VOLTMX_APPIUM_URL, log: (l) => lines.push(l) });
  const errors = outcome.report.infrastructureErrors;
  assert.equal(outcome.exitCode, ExitCode.infrastructure);
  assert.equal(errors.length, devices.length, `${errors.join('\n')}\n${lines.join('\n')}`);
  const errorOf = (device: string) => errors.find((e) => e.startsWith(`${device}: `)) ?? `no error for ${device}`;
  const otherCa = otherPki.serverCa.pem;
  const { X509Certificate } = await import('node:crypto');
  const otherSha = new X509Certificate(otherCa).fingerprint256.replaceAll(':', '').toLowerCase();
  assert.match(errorOf('widget-missing'), /WIRING_WIDGET_MISSING.*accessibility id "result".*ids command, run and result/);
  assert.match(errorOf('push-unreadable'), /WIRING_PUSH_UNREADABLE.*debuggable build/);
  assert.match(errorOf('push-altered'), /WIRING_PUSH_ALTERED.*reads back altered.*push the files unchanged/);
  assert.match(errorOf('old-kit'), /WIRING_KIT_VERSION.*version 0\.0\.1.*app-kit --out/);
  assert.match(errorOf('other-pki'), new RegExp(`WIRING_OTHER_CA\\): the app trusts CA ${otherSha}, this PKI is [0-9a-f]{64}: export .*\`npx voltmx-conformance pki export.*run with --pki`));
  assert.match(errorOf('ca-not-trusted'), /WIRING_CA_NOT_TRUSTED.*refuses the fleet's server certificate.*pki export/);
  // Before any spec: not one result, not one "never started" line, no page of failures.
  assert.deepEqual(outcome.report.results, [], JSON.stringify(outcome.report.results.slice(0, 3)));
  const json = JSON.parse(await readFile(outcome.written.resultsJson, 'utf8')) as { infrastructureErrors: string[] };
  assert.equal(json.infrastructureErrors.length, devices.length);
});

/** A TLS-terminating relay: each port of `ports` on `listen` ends TLS with its own certificate and re-originates to `upstream`. */
async function startRelay(listen: string, upstream: string, ports: readonly number[], credentials: { key: string; cert: string }): Promise<{ stop(): Promise<void>; connections: () => number }> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  for (const port of ports) {
    const server = createTlsServer({ key: credentials.key, cert: credentials.cert }, (inbound) => {
      connections += 1;
      // A tunnel that re-signs: it checks nothing upstream and has no client certificate to give.
      const outbound = tlsConnect({ host: upstream, port, servername: 'localhost', rejectUnauthorized: false });
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => { inbound.destroy(); outbound.destroy(); });
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    server.listen(port, listen);
    await once(server, 'listening');
    servers.push(server);
  }
  return {
    connections: () => connections,
    async stop() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}

test('a TLS-terminating relay in front of the fleet is one infrastructure error naming the tunnel setting', { timeout: 240_000 }, async () => {
  // An app built for this PKI (it reports the exported CA) on a device that also trusts the relay's CA, as farm devices do.
  const pkiDir = join(dir, 'pki');
  await initPersistentPki(pkiDir);
  const exported = join(dir, 'built-into-the-app.pem');
  await exportPersistentPki(pkiDir, 'pem', exported);
  const builtIn = await readFile(exported, 'utf8');
  const persistentPki = await loadPersistentPki(pkiDir);
  const device: RunDevice = { name: 'behind-a-relay', profile: referenceAndroid(), capabilities: { 'voltmx:trustCa': [builtIn, otherPki.serverCa.pem] } };
  // The fleet listens on 127.0.0.2; the device reaches "127.0.0.1", where only the relay listens, on the same ports.
  const needed = fleetPortsNeeded(SCENARIOS.length, findJavaSync());
  const from = await freePortRange(needed);
  const ports = Array.from({ length: needed }, (_, i) => from + i);
  const relay = await startRelay('127.0.0.1', '127.0.0.2', ports, { key: otherPki.server.key.pem, cert: otherPki.server.certificate.pem });
  try {
    const lines: string[] = [];
    const outcome = await runConformance({
      ...base, devices: [device], persistentPki, reportDir: join(dir, 'relay'),
      network: { bind: '127.0.0.2', ports: { from, to: from + needed - 1 } }, reach: { hosts: ['127.0.0.1'] },
      appiumUrl: process.env.VOLTMX_APPIUM_URL, log: (l) => lines.push(l),
    });
    const errors = outcome.report.infrastructureErrors;
    assert.equal(outcome.exitCode, ExitCode.infrastructure);
    assert.equal(errors.length, 1, `${errors.join('\n')}\n${lines.join('\n')}`);
    assert.match(errors[0]!, /^behind-a-relay: .*WIRING_TLS_RELAY.*received no client certificate.*the tunnel re-signs TLS.*--tls-passthrough-domains/);
    assert.ok(relay.connections() > 0, 'the device went through the relay');
    assert.deepEqual(outcome.report.results, []);
  } finally {
    await relay.stop();
  }
});

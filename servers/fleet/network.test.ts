import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { SERVE_SPEC_DOWNLOADS, SPEC_DOWNLOADS } from '../scenarios/downloads.js';
import { SCENARIOS, scenario } from '../scenarios/catalog.js';
import { nginxConfig, type NginxLayout } from '../nginx/nginx-config.js';
import { plannedServers } from '../nginx/nginx-files.js';
import { FleetNetworkError, ServerInfrastructureError } from '../backend-kit/errors.js';
import {
  checkBindAddress, exposureWarning, isLoopback, listenAddresses, parsePortRange, plannedPorts,
} from './network.js';
import { ServerFleet, type StartedServerFleet } from './server-fleet.js';
import { probe } from './testing/https-probe.js';
import type { BackendName, FleetBackend } from '../backend-kit/types.js';

let pki: CreatedTestPki;
before(async () => { pki = await createTestPki({ extraHostNames: ['lab-host.example'] }); });
after(async () => { await pki.dispose(); });

describe('fleet network settings (units)', () => {
  test('--ports, --bind and the listen addresses', () => {
    assert.deepEqual(parsePortRange('8440-8460'), { from: 8440, to: 8460 });
    for (const bad of ['8440', '9000-8000', '0-10', '1-70000', 'a-b']) assert.throws(() => parsePortRange(bad), FleetNetworkError, bad);
    assert.deepEqual(plannedPorts({ from: 9000, to: 9100 }, 3), [9000, 9001, 9002]);
    assert.equal(plannedPorts(undefined, 3), undefined);
    assert.throws(() => plannedPorts({ from: 9000, to: 9001 }, 3), /has 2 ports; the fleet needs 3/);
    assert.throws(() => checkBindAddress('lab-host.example'), FleetNetworkError);
    assert.deepEqual(listenAddresses(), ['127.0.0.1']);
    assert.deepEqual(listenAddresses('0.0.0.0'), ['0.0.0.0']);
    // Specific addresses (and IPv6-only '::') keep loopback for the harness's own checks.
    assert.deepEqual(listenAddresses('192.0.2.10'), ['192.0.2.10', '127.0.0.1']);
    assert.deepEqual(listenAddresses('::'), ['::', '127.0.0.1']);
    assert.deepEqual(listenAddresses('::1'), ['::1', '127.0.0.1']);
    assert.deepEqual(['127.0.0.1', '127.1.2.3', '::1', '0.0.0.0', '10.0.0.5'].map(isLoopback), [true, true, true, false, false]);
  });

  test('binding beyond loopback is announced; loopback is not', () => {
    assert.equal(exposureWarning('127.0.0.1', [9000, 9013], 'no-client-auth'), null);
    assert.equal(exposureWarning('::1', [9000], 'no-client-auth'), null);
    for (const bind of ['0.0.0.0', '192.0.2.10']) {
      const warning = exposureWarning(bind, [9000, 9013, 9005], 'no-client-auth') ?? '';
      assert.match(warning, /^WARNING: the server fleet listens on .*beyond loopback/);
      assert.match(warning, /ports 9000-9013/);
      assert.match(warning, /\/p12\/.*only on no-client-auth/s);
    }
  });

  test('nginx configuration: every listen address, and /p12/ only where downloads are served', () => {
    const layout: NginxLayout = {
      workDir: '/w', serverCredential: () => ({ cert: '/w/c', key: '/w/k' }), p12Dir: '/w/p12',
      caFile: () => '/w/ca.pem', echoModule: '/m.so',
    };
    const servers = plannedServers(SCENARIOS, SCENARIOS.map((_, i) => 9000 + i));
    const conf = nginxConfig(layout, servers, ['192.0.2.10', '::1', '127.0.0.1'], SERVE_SPEC_DOWNLOADS);
    for (const line of ['listen 192.0.2.10:9000 ssl;', 'listen [::1]:9000 ssl;', 'listen 127.0.0.1:9000 ssl;']) assert.ok(conf.includes(line), line);
    const blocks = conf.split('server {').slice(1);
    const withP12 = blocks.filter((b) => b.includes('location /p12/'));
    assert.equal(withP12.length, 1);
    assert.ok(withP12[0]!.includes('~Q~no-client-auth~Q~'));
  });
});

/** Ports free now: a contiguous range picked at random, retried when something took one. */
async function startOnFixedPorts(backend: BackendName, ids: string[]): Promise<{ fleet: StartedServerFleet; from: number }> {
  for (let attempt = 0; ; attempt += 1) {
    const from = 20_000 + Math.floor(Math.random() * 30_000);
    try {
      const fleet = await new ServerFleet(pki).withBackend(backend).withScenarios(ids)
        .withNetwork({ bind: '127.0.0.1', ports: { from, to: from + ids.length - 1 } }).start();
      return { fleet, from };
    } catch (error) {
      if (attempt >= 4 || !(error instanceof ServerInfrastructureError)) throw error;
    }
  }
}

function tlsGet(host: string, port: number, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/whoami', servername: 'localhost', ca, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const backend of ['embedded', 'nginx'] as const) {
  describe(`${backend}: fixed ports, several addresses, exposed downloads (real servers on loopback)`, () => {
    test('--ports: scenario i listens on from + i', async () => {
      const ids = ['no-client-auth', 'required-a', 'optional-a'];
      const { fleet, from } = await startOnFixedPorts(backend, ids);
      try {
        assert.deepEqual(fleet.endpoints().map((e) => e.port), [from, from + 1, from + 2]);
        assert.equal((await probe(pki, from + 1, '/whoami', { identity: pki.identities['rsa-a'] })).json.verify, 'SUCCESS');
        assert.deepEqual(fleet.exposure.listen, ['127.0.0.1']);
      } finally {
        await fleet.stop();
      }
    });

    test('--bind ::1: the same port answers on ::1 and on 127.0.0.1', async () => {
      const fleet = await new ServerFleet(pki).withBackend(backend).withScenarios(['no-client-auth']).withNetwork({ bind: '::1' }).start();
      try {
        const { port } = fleet.endpoint('no-client-auth');
        assert.deepEqual([await tlsGet('::1', port, pki.serverCa.pem), await tlsGet('127.0.0.1', port, pki.serverCa.pem)], [200, 200]);
        assert.deepEqual(fleet.exposure.listen, ['::1', '127.0.0.1']);
      } finally {
        await fleet.stop();
      }
    });

    test('the exposed download policy: /p12/ only on no-client-auth, only the bundles the specs download', async () => {
      const workDir = await mkdtemp(join(tmpdir(), 'voltmx-downloads-test-'));
      const module = backend === 'embedded' ? await import('../embedded/embedded-backend.js') : await import('../nginx/nginx-backend.js');
      const impl: FleetBackend = backend === 'embedded'
        ? new (module as typeof import('../embedded/embedded-backend.js')).EmbeddedBackend()
        : new (module as typeof import('../nginx/nginx-backend.js')).NginxBackend();
      const started = await impl.start({
        pki, scenarios: ['no-client-auth', 'required-a'].map(scenario), workDir, downloads: SERVE_SPEC_DOWNLOADS,
      });
      try {
        const [open, mutual] = started.endpoints;
        for (const bundle of Object.values(pki.bundles)) {
          const res = await probe(pki, open!.port, `/p12/${bundle.fileName}`);
          assert.equal(res.status, SPEC_DOWNLOADS.includes(bundle.name) ? 200 : 404, bundle.name);
        }
        const elsewhere = await probe(pki, mutual!.port, '/p12/rsa-a.modern.p12', { identity: pki.identities['rsa-a'] });
        assert.equal(elsewhere.status, 404, 'no /p12/ on required-a');
      } finally {
        await started.stop();
        await rm(workDir, { recursive: true, force: true });
      }
    });
  });
}

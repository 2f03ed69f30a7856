import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { IdentityInfo } from '../pki/types.js';
import { probe } from './testing/https-probe.js';
import { after, before, test } from 'node:test';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { toolSkip } from '../../support/testing/index.js';
import { dockerAvailable } from '../testcontainers/docker-availability.js';
import { ServerFleet } from './server-fleet.js';
import { runMatrix, type MatrixCell } from './testing/scenario-matrix.js';
import type { BackendName } from '../backend-kit/types.js';
import { SCENARIOS } from '../scenarios/catalog.js';
import { PROBE_IDENTITIES } from './testing/expectations.js';

const run = promisify(execFile);
let pki: CreatedTestPki;
before(async () => { pki = await createTestPki(); });
after(async () => { await pki.dispose(); });

async function observe(backend: BackendName): Promise<MatrixCell[]> {
  const fleet = await new ServerFleet(pki).withBackend(backend).start();
  try {
    return await runMatrix(pki, fleet);
  } finally {
    await fleet.stop();
  }
}

test('embedded, nginx and testcontainers observe every scenario x identity identically, the whole CertificateRequest included', async (t) => {
  const backends: BackendName[] = ['embedded', 'nginx'];
  const docker = await dockerAvailable();
  if (docker.available) backends.push('testcontainers');
  else t.diagnostic(`testcontainers left out: ${toolSkip('docker', docker.reason)}`); // throws in CI
  const [reference, ...others] = await Promise.all(backends.map(observe));
  assert.equal(reference.length, SCENARIOS.length * PROBE_IDENTITIES.length);
  for (const [i, cells] of others.entries()) {
    // Bodies carry no port; status and every observed field must match exactly.
    assert.deepEqual(cells, reference, `${backends[i + 1]} differs from ${backends[0]}`);
  }
  // The comparison is not vacuous: the matrix holds successes, failures, tolerated failures,
  // identities the client withheld (ECDSA-only) and a server the client refused.
  const verdicts = new Set(reference.map((c) => `${c.status} ${String(c.body.verify ?? c.body.clientError).split(':')[0]}`));
  assert.deepEqual([...verdicts].sort(), ['0 DEPTH_ZERO_SELF_SIGNED_CERT', '200 FAILED', '200 NONE', '200 SUCCESS', '400 FAILED', '400 NONE']);
  const withheld = reference.filter((c) => c.scenario === 'required-a-or-b-ecdsa-only' && c.body.verify === 'NONE');
  assert.deepEqual(withheld.map((c) => c.identity), PROBE_IDENTITIES.filter((p) => p !== 'ec-b'));
  // The whole CertificateRequest was compared, the default signature lists too (nginx's read off
  // a probe handshake, embedded's off the exchange itself).
  const defaults = reference.find((c) => c.scenario === 'required-a' && c.transcript)?.transcript?.certificateRequest;
  assert.ok(defaults?.signatureAlgorithms.includes('rsa_pss_rsae_sha256') && defaults.signatureAlgorithms.includes('ecdsa_secp256r1_sha256'), JSON.stringify(defaults));
  // Every cell with an HTTP answer came over a fresh connection.
  assert.ok(reference.every((c) => c.status === 0 || c.body.connectionRequests === 1));
});

test('names needing RFC 2253 escapes (quotes, backslash, comma, plus, #, UTF-8, multi-valued RDN) print as openssl does', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-odd-name-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert,
      '-days', '2', '-utf8', '-multivalue-rdn',
      '-subj', '/C=DE/O=Ünïcødé "Quoted" \\\\ Back, Comma\\+Plus/OU=#hash <lt> =eq;semi /CN=multi+UID=valued',
    ]);
    const expected = (await run('openssl', ['x509', '-in', cert, '-noout', '-subject', '-nameopt', 'RFC2253'])).stdout
      .trim().replace(/^subject=/, '');
    const identity = { key: { pem: await readFile(key, 'utf8') }, certificate: { pem: await readFile(cert, 'utf8') }, chain: { pem: await readFile(cert, 'utf8') } } as IdentityInfo;
    const backends: BackendName[] = ['embedded', 'nginx'];
    const docker = await dockerAvailable();
    if (docker.available) backends.push('testcontainers');
    else t.diagnostic(`testcontainers left out: ${toolSkip('docker', docker.reason)}`); // throws in CI
    for (const backend of backends) {
      const fleet = await new ServerFleet(pki).withBackend(backend).withScenarios(['optional-no-ca']).start();
      try {
        const res = await probe(pki, fleet.endpoint('optional-no-ca').port, '/whoami', { identity });
        assert.equal(res.status, 200, backend);
        assert.equal(res.json.verify, 'FAILED:self-signed certificate', backend);
        assert.equal(res.json.subject, expected, backend);
        assert.equal(res.json.issuer, expected, backend);
      } finally {
        await fleet.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/**
 * Handshake transcripts end to end: a failing result carries the transcripts of its test's
 * exchanges, as the judge kept them, and their clientCertificates show what the server
 * received: nothing from a runtime that never presents, the identity still in force from one
 * that ignores a replacement. On the embedded backend and on nginx.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { brokenRuntime } from '../../devices/broken-runtimes/catalog.js';
import { referenceAndroid, referenceIos } from '../../devices/profiles/index.js';
import type { BackendName, HandshakeTranscript } from '../../servers/backend-kit/types.js';
import { NGINX_BINARY } from '../../servers/nginx/nginx-process.js';
import { toolSkip } from '../../support/testing/index.js';
import { requirementGrep } from '../cli/validate-run-options.js';
import type { RequirementResult } from '../results/types.js';
import { runConformance } from './run-conformance.js';
import { SPECS_DIR } from './spec-files.js';
import { usePrivateRunTmp } from './testing/run-temp.js';

const NEVER_PRESENTS = fileURLToPath(new URL('./testing/never-presents-runtime.ts', import.meta.url));
const REQUIREMENTS = ['CA-BOTH-APIS', 'CA-REPLACE'];
const paths = usePrivateRunTmp('voltmx-run-transcripts-');

for (const backend of ['embedded', 'nginx'] as const satisfies readonly BackendName[]) {
  const skip = backend === 'nginx' && !existsSync(NGINX_BINARY) ? toolSkip('nginx', `no ${NGINX_BINARY}`) : false;
  test(`${backend}: a failing result's transcript shows what the server received (nothing, or the identity still in force)`, { skip, timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const reportDir = join(paths.dir, `reports-${backend}`);
    const outcome = await runConformance({
      // Android: presents nothing, so CA-BOTH-APIS fails; iOS: keeps the first identity, so CA-REPLACE fails.
      profiles: [referenceAndroid(NEVER_PRESENTS), referenceIos(brokenRuntime('replace-ignored').module)],
      backend,
      specs: ['send-only-when-challenged', 'replace'].map((s) => join(SPECS_DIR, `${s}.spec.ts`)),
      requirements: REQUIREMENTS,
      grep: requirementGrep(REQUIREMENTS),
      expectations: new Map(),
      reportDir,
      keepPki: false,
      tool: { name: 'voltmx-conformance', version: 'test' },
      log: (line) => lines.push(line),
    });
    assert.deepEqual(outcome.report.infrastructureErrors, [], lines.join('\n'));
    assert.equal(outcome.exitCode, 1);
    // What a reader gets: results.json, as written.
    const written = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as { results: RequirementResult[] };
    const result = (requirement: string, device: string) => {
      const found = written.results.find((r) => r.requirement === requirement && r.device === device);
      assert.ok(found, `${requirement} on ${device}`);
      assert.equal(found.status, 'fail', `${requirement} on ${device}: ${found.message}`);
      const transcripts = found.transcript as HandshakeTranscript[] | undefined;
      assert.ok(Array.isArray(transcripts) && transcripts.length > 0, `${requirement} on ${device}: a transcript`);
      for (const t of transcripts) assert.equal(t.backend, backend);
      return { found, transcripts };
    };

    const never = result('CA-BOTH-APIS', 'reference-android');
    // CA-BOTH-APIS asks each API of a TLS 1.3 and a TLS 1.2 server: both received nothing.
    assert.deepEqual([...new Set(never.transcripts.map((t) => t.server))].sort(), ['tls12-required-a', 'tls13-required-a']);
    for (const t of never.transcripts) {
      assert.equal(t.tlsVersion, t.server === 'tls12-required-a' ? 'TLSv1.2' : 'TLSv1.3');
      assert.deepEqual(t.clientCertificates, [], 'the server received no certificate');
      assert.equal(t.certificateRequest?.caNames.length, 1, 'it asked for one CA');
      assert.match(t.certificateRequest!.caNames[0]!, /CN=/);
      assert.equal(t.source.clientCertificates, 'handshake');
      // The CertificateRequest: read off this exchange on embedded, off a probe handshake on nginx.
      assert.equal(t.source.certificateRequest, backend === 'nginx' ? 'probe' : 'handshake');
      // certificate_types exist only in TLS 1.2's CertificateRequest.
      assert.ok(t.certificateRequest!.signatureAlgorithms.length > 0, JSON.stringify(t));
      if (t.tlsVersion === 'TLSv1.2') assert.ok(t.certificateRequest!.certificateTypes!.length > 0, JSON.stringify(t));
      assert.deepEqual(t.unfilled.filter((u) => u.startsWith('certificateRequest')), []);
    }
    assert.equal(never.found.observation?.verify, 'NONE');

    const ignored = result('CA-REPLACE', 'reference-ios');
    const received = ignored.transcripts.filter((t) => t.clientCertificates.length > 0);
    assert.ok(received.length > 0, 'the servers received certificates');
    for (const t of received) {
      assert.match(t.clientCertificates[0]!.sha256, /^[0-9a-f]{64}$/);
      assert.match(t.clientCertificates[0]!.keyType, /^(rsa-2048|ec-prime256v1)$/);
    }
    // The last exchange is the one the observation comes from: the same leaf, seen two ways.
    const last = ignored.transcripts[ignored.transcripts.length - 1]!;
    assert.equal(last.clientCertificates[0]?.subject ?? null, ignored.found.observation?.subject ?? null);
    // The defect itself: a server that asked for B's identity got A's, which was never replaced.
    const toB = received.filter((t) => t.server === 'required-b');
    assert.ok(toB.length > 0, JSON.stringify(ignored.transcripts.map((t) => t.server)));
    for (const t of toB) assert.notEqual(t.clientCertificates[0]!.issuer, t.certificateRequest?.caNames[0], 'required-b received a certificate from another CA');

    // JUnit and report.html carry it too.
    assert.match(await readFile(join(reportDir, 'junit.xml'), 'utf8'), /handshake transcript \(server side\)/);
    assert.match(await readFile(join(reportDir, 'report.html'), 'utf8'), /Handshake transcript \(server side\)/);
  });
}

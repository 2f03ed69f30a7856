import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from 'node:tls';
import { waitFor } from '../../support/testing/index.js';
import { probeJudgeCertificateRequest } from '../fleet/transcript-probe.js';
import { ServerFleet, type StartedServerFleet } from '../fleet/server-fleet.js';
import { probe } from '../fleet/testing/https-probe.js';
import { assertProbeMatchesOpenssl, assertRequestIndependentOfOffer, type ProbedServer } from '../fleet/testing/probe-checks.js';
import { createTestPki, type CreatedTestPki } from '../pki/create-test-pki.js';
import { JAVA_SCENARIOS } from './java-scenarios.js';
import { findJava } from './java-tools.js';

const java = await findJava();
const skip = !java.available && process.env.CI !== 'true' ? `Java judge not built: ${java.reason}` : false;

describe('Java judge: the CertificateRequest read off a probe handshake', { skip }, () => {
  let pki: CreatedTestPki;
  let fleet: StartedServerFleet;
  let servers: ProbedServer[];
  before(async () => {
    pki = await createTestPki();
    fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(['no-client-auth']).withJavaJudge().start();
    assert.deepEqual(fleet.javaJudge, { state: 'running' });
    servers = JAVA_SCENARIOS.map((s) => ({ scenario: s.id, port: fleet.endpoint(s.id).port, protocols: s.protocols }));
  });
  after(async () => {
    await fleet?.stop();
    await pki?.dispose();
  });

  test('equals what openssl s_client observes, for every scenario x protocol', async () => {
    const compared = await assertProbeMatchesOpenssl(servers);
    assert.equal(compared, JAVA_SCENARIOS.reduce((n, s) => n + s.protocols.length, 0));
  });

  test('probes complete their handshakes and close with close_notify: SunJSSE logs nothing for them', async () => {
    // A handshake dropped halfway is logged (so the check can fail): one such drop marks the
    // point where the judge has logged every connection that ended before it. Readiness checks
    // and openssl s_client end abruptly, so compare between two marks, not from the start.
    const scenario = 'java-required-a';
    const drops = () => (fleet.logs(scenario).match(/^java-required-a: /gm) ?? []).length;
    const dropAndWaitForItsLine = async (): Promise<void> => {
      const seen = drops();
      await new Promise<void>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: fleet.endpoint(scenario).port, servername: 'localhost', rejectUnauthorized: false });
        socket.once('secureConnect', () => { socket.destroy(); resolve(); });
        socket.once('error', reject);
      });
      // The fleet's logs are text with no event per line: poll them, bounded.
      await waitFor('the dropped handshake in the Java judge\'s log', () => (drops() > seen ? true : undefined), 10_000, 20);
    };
    await dropAndWaitForItsLine();
    const before = fleet.logs(scenario);
    for (const { port, protocols } of servers) {
      for (const protocol of protocols) assert.ok((await probeJudgeCertificateRequest(port, protocol)).ok);
    }
    await dropAndWaitForItsLine();
    const logged = fleet.logs(scenario).slice(before.length).split('\n').filter(Boolean);
    assert.equal(logged.length, 1, `only the closing mark's line, nothing for the probes:\n${logged.join('\n')}`);
    assert.match(logged[0]!, /^java-required-a: /);
  });

  test('does not depend on the client\'s signature algorithms or cipher suites', async () => {
    await assertRequestIndependentOfOffer(servers);
  });

  test('TLS 1.2 ECDSA-only: ECDSA schemes only, all three certificate types; RSA-only: no ECDSA scheme', async () => {
    const ecdsa = await probeJudgeCertificateRequest(fleet.endpoint('java-tls12-ecdsa-signatures').port, 'TLSv1.2');
    assert.ok(ecdsa.ok && ecdsa.request);
    assert.deepEqual(ecdsa.request.certificateTypes, ['ecdsa_sign', 'rsa_sign', 'dss_sign']);
    assert.ok(ecdsa.request.signatureAlgorithms.length > 0);
    for (const scheme of ecdsa.request.signatureAlgorithms) assert.match(scheme, /^ecdsa_/);
    const rsa = await probeJudgeCertificateRequest(fleet.endpoint('java-tls12-rsa-signatures').port, 'TLSv1.2');
    assert.ok(rsa.ok && rsa.request);
    assert.ok(rsa.request.signatureAlgorithms.length > 0);
    for (const scheme of rsa.request.signatureAlgorithms) assert.match(scheme, /^rsa_/);
  });

  test('transcripts carry it: source probe, the signature list filled, nothing left unfilled', async () => {
    const res = await probe(pki, fleet.endpoint('java-tls12-ecdsa-signatures').port, '/whoami', { identity: pki.identities['ec-b'] });
    assert.equal(res.json.verify, 'SUCCESS');
    const transcript = await fleet.settledTranscript('java-tls12-ecdsa-signatures', String(res.json.exchange));
    assert.ok(transcript);
    assert.deepEqual([transcript.backend, transcript.tlsVersion, transcript.source.certificateRequest], ['java', 'TLSv1.2', 'probe']);
    assert.deepEqual(transcript.certificateRequest?.caNames, [pki.cas.A.subject, pki.cas.B.subject]);
    assert.deepEqual(transcript.certificateRequest?.certificateTypes, ['ecdsa_sign', 'rsa_sign', 'dss_sign']);
    assert.ok(transcript.certificateRequest?.signatureAlgorithms.includes('ecdsa_secp256r1_sha256'));
    assert.deepEqual(transcript.unfilled, []);
    for (const protocol of ['TLSv1.2', 'TLSv1.3'] as const) {
      const other = await probe(pki, fleet.endpoint('java-required-a').port, '/whoami', { identity: pki.identities['rsa-a'], maxVersion: protocol });
      const t = await fleet.settledTranscript('java-required-a', String(other.json.exchange));
      assert.deepEqual([t?.tlsVersion, t?.source.certificateRequest, t?.unfilled], [protocol, 'probe', []]);
      assert.ok(t?.certificateRequest?.signatureAlgorithms.includes('rsa_pss_rsae_sha256'), protocol);
    }
  });
});

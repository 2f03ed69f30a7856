import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toolSkip } from '../../support/testing/index.js';
import { nginxBinary } from '../../support/tools/index.js';
import { probeJudgeCertificateRequest } from '../fleet/transcript-probe.js';
import { ServerFleet, type StartedServerFleet } from '../fleet/server-fleet.js';
import { probe } from '../fleet/testing/https-probe.js';
import { assertProbeMatchesOpenssl, assertRequestIndependentOfOffer, type ProbedServer } from '../fleet/testing/probe-checks.js';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { SCENARIOS } from '../scenarios/catalog.js';

const skip = toolSkip('nginx', nginxBinary() ? undefined : 'no nginx with the echo module');

describe('nginx: the CertificateRequest read off a probe handshake', { skip }, () => {
  let pki: CreatedTestPki;
  let fleet: StartedServerFleet;
  let servers: ProbedServer[];
  before(async () => {
    pki = await createTestPki();
    fleet = await new ServerFleet(pki).withBackend('nginx').start();
    servers = SCENARIOS.filter((s) => s.clientAuth !== 'off')
      .map((s) => ({ scenario: s.id, port: fleet.endpoint(s.id).port, protocols: s.protocols }));
  });
  after(async () => {
    await fleet?.stop();
    await pki?.dispose();
  });

  test('equals what openssl s_client observes, for every scenario x protocol with client auth', async () => {
    const compared = await assertProbeMatchesOpenssl(servers);
    assert.equal(compared, SCENARIOS.filter((s) => s.clientAuth !== 'off').reduce((n, s) => n + s.protocols.length, 0));
    // Without client auth there is none to read, at either version.
    for (const protocol of ['TLSv1.2', 'TLSv1.3'] as const) {
      assert.deepEqual(await probeJudgeCertificateRequest(fleet.endpoint('no-client-auth').port, protocol), { ok: true, request: null });
    }
  });

  test('does not depend on the client\'s signature algorithms or cipher suites', async () => {
    await assertRequestIndependentOfOffer(servers);
  });

  test('transcripts carry it (source probe, the lists filled); a resumed handshake still has none', async () => {
    for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
      const res = await probe(pki, fleet.endpoint('required-a-or-b').port, '/whoami', { identity: pki.identities['rsa-a'], maxVersion });
      const transcript = await fleet.settledTranscript('required-a-or-b', String(res.json.exchange));
      assert.ok(transcript, maxVersion);
      assert.equal(transcript.source.certificateRequest, 'probe', maxVersion);
      const request = transcript.certificateRequest!;
      assert.deepEqual(request.caNames, [pki.cas.A.subject, pki.cas.B.subject], maxVersion);
      assert.ok(request.signatureAlgorithms.includes('rsa_pss_rsae_sha256') && request.signatureAlgorithms.includes('ecdsa_secp256r1_sha256'), maxVersion);
      assert.deepEqual(request.certificateTypes, maxVersion === 'TLSv1.2' ? ['rsa_sign', 'dss_sign', 'ecdsa_sign'] : undefined, maxVersion);
      assert.deepEqual(transcript.unfilled, ['clientCertificates[1..] (nginx exposes only the leaf)'], maxVersion);
      // The sync lookup stays as it was: from the configuration, the lists left open.
      assert.equal(fleet.transcript('required-a-or-b', String(res.json.exchange))?.source.certificateRequest, 'configuration');
    }
    const port = fleet.endpoint('resumption-required-a-or-b').port;
    const first = await probe(pki, port, '/whoami', { identity: pki.identities['ec-b'], maxVersion: 'TLSv1.2' });
    const second = await probe(pki, port, '/whoami', { identity: pki.identities['ec-b'], maxVersion: 'TLSv1.2', session: first.session! });
    assert.equal(second.json.sessionReused, true);
    const resumed = await fleet.settledTranscript('resumption-required-a-or-b', String(second.json.exchange));
    assert.deepEqual([resumed?.resumed, resumed?.certificateRequest, resumed?.source.certificateRequest], [true, null, 'configuration']);
  });
});

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Agent } from 'node:https';
import { connect as tcpConnect } from 'node:net';
import { after, before, test } from 'node:test';
import { connect } from 'node:tls';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { SCENARIOS } from '../scenarios/catalog.js';
import { ServerFleet, type StartedServerFleet } from '../fleet/server-fleet.js';
import type { HandshakeTranscript } from '../backend-kit/types.js';
import { observeCertificateRequest } from '../fleet/testing/advertised-ca-names.js';
import { probe, type ProbeOptions } from '../fleet/testing/https-probe.js';
import { asOpensslCertificateType, asOpensslSignatureAlgorithm } from '../fleet/testing/openssl-names.js';

let pki: CreatedTestPki;
let fleet: StartedServerFleet;
before(async () => {
  pki = await createTestPki();
  fleet = await new ServerFleet(pki).withBackend('embedded').start();
});
after(async () => {
  await fleet?.stop();
  await pki?.dispose();
});

async function transcriptOf(scenario: string, options: ProbeOptions): Promise<{ transcript: HandshakeTranscript; json: any }> {
  const res = await probe(pki, fleet.endpoint(scenario).port, '/whoami', options);
  const transcript = fleet.transcript(scenario, String(res.json.exchange));
  assert.ok(transcript, `${scenario}: a transcript`);
  return { transcript, json: res.json };
}

function assertFromTheWire(transcript: HandshakeTranscript, where: string): void {
  assert.equal(transcript.source.certificateRequest, 'handshake', where);
  assert.deepEqual(transcript.unfilled.filter((u) => u.startsWith('certificateRequest')), [], where);
}

test('every scenario and protocol: the CertificateRequest in the transcript is the one openssl s_client received', async () => {
  let compared = 0;
  for (const scenario of SCENARIOS) {
    for (const protocol of scenario.protocols) {
      const where = `${scenario.id} ${protocol}`;
      const { transcript } = await transcriptOf(scenario.id, { maxVersion: protocol, trustAnyServer: true });
      assert.equal(transcript.tlsVersion, protocol, where);
      assertFromTheWire(transcript, where);
      const request = transcript.certificateRequest;
      if (scenario.clientAuth === 'off') {
        assert.equal(request, null, where);
        continue;
      }
      assert.ok(request, where);
      const observed = await observeCertificateRequest(fleet.endpoint(scenario.id).port, protocol);
      assert.deepEqual(request.caNames, observed.caNames, `${where}: CA names`);
      assert.deepEqual(request.caNames, scenario.advertisedCas.map((ca) => pki.cas[ca].subject), `${where}: the advertised CAs`);
      assert.deepEqual(request.signatureAlgorithms.map(asOpensslSignatureAlgorithm), observed.signatureAlgorithms, `${where}: signature algorithms`);
      if (protocol === 'TLSv1.2') assert.deepEqual(request.certificateTypes?.map(asOpensslCertificateType), observed.certificateTypes, `${where}: types`);
      else assert.equal(request.certificateTypes, undefined, where);
      // Not vacuous: openssl saw a list, and so did the transcript.
      assert.ok(observed.signatureAlgorithms.length >= 3, where);
      compared += 1;
    }
  }
  assert.equal(compared, SCENARIOS.filter((s) => s.clientAuth !== 'off').reduce((n, s) => n + s.protocols.length, 0));
});

test('ECDSA-only asks for ECDSA schemes (and ecdsa_sign) only; the others for RSA too; required-unadvertised names no CA', async () => {
  for (const protocol of ['TLSv1.2', 'TLSv1.3'] as const) {
    const ecdsa = (await transcriptOf('required-a-or-b-ecdsa-only', { maxVersion: protocol, identity: pki.identities['ec-b'] })).transcript;
    assert.deepEqual(ecdsa.certificateRequest?.signatureAlgorithms, ['ecdsa_secp256r1_sha256', 'ecdsa_secp384r1_sha384', 'ecdsa_secp521r1_sha512']);
    assert.deepEqual(ecdsa.certificateRequest?.certificateTypes, protocol === 'TLSv1.2' ? ['ecdsa_sign'] : undefined);
    const usual = (await transcriptOf('required-a-or-b', { maxVersion: protocol })).transcript;
    for (const scheme of ['rsa_pss_rsae_sha256', 'rsa_pkcs1_sha256', 'ecdsa_secp256r1_sha256']) {
      assert.ok(usual.certificateRequest?.signatureAlgorithms.includes(scheme), `${protocol}: ${scheme}`);
    }
    if (protocol === 'TLSv1.2') assert.deepEqual(usual.certificateRequest?.certificateTypes, ['rsa_sign', 'dss_sign', 'ecdsa_sign']);
    const unadvertised = (await transcriptOf('required-unadvertised', { maxVersion: protocol })).transcript;
    assert.deepEqual(unadvertised.certificateRequest?.caNames, [], protocol);
    assert.ok((unadvertised.certificateRequest?.signatureAlgorithms.length ?? 0) > 0, protocol);
  }
});

test('a resumed connection (TLS 1.2 abbreviated, TLS 1.3 PSK) records no CertificateRequest; the full one before it does', async () => {
  for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
    const identity = pki.identities['rsa-a'];
    const port = fleet.endpoint('resumption-required-a-or-b').port;
    const first = await probe(pki, port, '/whoami', { identity, maxVersion });
    const second = await probe(pki, port, '/whoami', { identity, maxVersion, session: first.session });
    assert.deepEqual([first.json.sessionReused, second.json.sessionReused], [false, true], maxVersion);
    const full = fleet.transcript('resumption-required-a-or-b', first.json.exchange)!;
    const resumed = fleet.transcript('resumption-required-a-or-b', second.json.exchange)!;
    assert.deepEqual(full.certificateRequest?.caNames, [pki.cas.A.subject, pki.cas.B.subject], maxVersion);
    assert.deepEqual([resumed.resumed, resumed.certificateRequest], [true, null], maxVersion);
    assertFromTheWire(resumed, maxVersion);
  }
});

test('TLS 1.3 under each AEAD a client can force: the transcript still has the CertificateRequest', async () => {
  const port = fleet.endpoint('required-a-or-b').port;
  const identity = pki.identities['rsa-a'];
  for (const suite of ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']) {
    const socket = connect({
      host: '127.0.0.1', port, servername: 'localhost', ca: pki.serverCa.pem, ciphers: suite,
      key: identity.key.pem, cert: identity.chain.pem,
    });
    await once(socket, 'secureConnect');
    assert.equal(socket.getCipher().standardName, suite);
    socket.write('GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n')[1]!;
    const transcript = fleet.transcript('required-a-or-b', JSON.parse(body).exchange);
    assert.deepEqual(transcript?.certificateRequest?.caNames, [pki.cas.A.subject, pki.cas.B.subject], suite);
    assertFromTheWire(transcript!, suite);
  }
});

test('every request of a kept-alive connection carries the same CertificateRequest', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const requests = [];
    for (let i = 0; i < 3; i += 1) requests.push(await transcriptOf('required-a', { identity: pki.identities['rsa-a'], agent }));
    assert.deepEqual(requests.map((r) => r.json.connectionRequests), [1, 2, 3]);
    assert.ok(requests[0]!.transcript.certificateRequest);
    for (const r of requests) assert.deepEqual(r.transcript.certificateRequest, requests[0]!.transcript.certificateRequest);
  } finally {
    agent.destroy();
  }
});

test('garbage instead of a ClientHello (and a flood of it) closes that connection only; the server keeps judging', async () => {
  const port = fleet.endpoint('required-a').port;
  for (const junk of [Buffer.from('GET / HTTP/1.1\r\n\r\n'), Buffer.alloc(256 * 1024, 0x16)]) {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.on('error', () => {});
    await once(socket, 'connect');
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(junk);
    await closed;
  }
  await fleet.assertHealthy();
  const { transcript } = await transcriptOf('required-a', { identity: pki.identities['rsa-a'] });
  assert.deepEqual(transcript.certificateRequest?.caNames, [pki.cas.A.subject]);
});

test('clientCertificates is the chain as the client sent it: leaf and intermediate, or the leaf alone; never the root the server completed it with', async () => {
  const chained = pki.identities['rsa-intermediate'];
  const sent = await transcriptOf('required-intermediate', { identity: chained });
  assert.equal(sent.json.verify, 'SUCCESS');
  assert.deepEqual(sent.transcript.clientCertificates.map((c) => c.subject), [chained.subject, pki.cas.intermediateA.subject]);
  const leafOnly = await transcriptOf('required-a', { identity: pki.identities['rsa-a'] });
  assert.equal(leafOnly.json.verify, 'SUCCESS');
  assert.deepEqual(leafOnly.transcript.clientCertificates.map((c) => c.subject), [pki.identities['rsa-a'].subject]);
  assert.deepEqual(leafOnly.transcript.unfilled, []);
});

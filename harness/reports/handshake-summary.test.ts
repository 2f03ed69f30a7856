import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestPki, ServerFleet, type CreatedTestPki, type StartedServerFleet } from '../../servers/index.js';
import { probe } from '../../servers/fleet/testing/https-probe.js';
import type { HandshakeTranscript } from '../../servers/backend-kit/types.js';
import { judgedHandshake, summarizeTranscript, summarizeTranscripts } from './handshake-summary.js';

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

/** A real request's transcript, as the run attaches it. */
async function transcriptOf(scenario: string, options: Parameters<typeof probe>[3] = {}): Promise<HandshakeTranscript> {
  const res = await probe(pki, fleet.endpoint(scenario).port, '/whoami', options);
  const transcript = await fleet.settledTranscript(scenario, String(res.json.exchange));
  assert.ok(transcript, `${scenario}: a transcript`);
  return transcript;
}

test('a certificate asked for and sent: the CAs, the schemes off the wire, the leaf with its key type and issuer', async () => {
  const line = summarizeTranscript(await transcriptOf('required-a-or-b-ecdsa-only', { identity: pki.identities['ec-b'], maxVersion: 'TLSv1.2' }));
  assert.equal(line, 'required-a-or-b-ecdsa-only (embedded) TLSv1.2: asked for a certificate from Conformance Root CA A, Conformance Root CA B; '
    + 'types ecdsa_sign; schemes ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384, ecdsa_secp521r1_sha512; '
    + 'received ec-b (ec-prime256v1, issued by Conformance Root CA B)');
});

test('asked but nothing sent; not asked at all; no CA names advertised', async () => {
  assert.match(summarizeTranscript(await transcriptOf('required-a', { maxVersion: 'TLSv1.3' }))!, /^required-a \(embedded\) TLSv1\.3: asked for a certificate from Conformance Root CA A; schemes [a-z0-9_, ]+; received no certificate$/);
  assert.equal(summarizeTranscript(await transcriptOf('no-client-auth', { identity: pki.identities['rsa-a'] })), 'no-client-auth (embedded) TLSv1.3: did not ask for a certificate; received no certificate');
  assert.match(summarizeTranscript(await transcriptOf('required-unadvertised', { identity: pki.identities['rsa-a'] }))!, /asked for a certificate from any CA \(no names sent\)/);
});

test('what a backend could not record is said, not invented; a resumed handshake has no request; not a transcript: nothing', async () => {
  const real = await transcriptOf('required-a', { identity: pki.identities['rsa-a'] });
  const fromConfiguration = { ...real, backend: 'java' as const, certificateRequest: { ...real.certificateRequest!, signatureAlgorithms: [] },
    unfilled: ["certificateRequest.signatureAlgorithms (SunJSSE's list restricted to ECDSA)"] };
  assert.match(summarizeTranscript(fromConfiguration)!, /; schemes not recorded \(SunJSSE's list restricted to ECDSA\); received rsa-a \(rsa-2048, issued by Conformance Root CA A\)$/);
  const probed = { ...real, backend: 'nginx' as const, source: { ...real.source, certificateRequest: 'probe' as const } };
  assert.match(summarizeTranscript(probed)!, /; schemes ecdsa_secp256r1_sha256, [a-z0-9_, ]+ \(read off a probe handshake\); received rsa-a/);
  assert.match(summarizeTranscript({ ...real, resumed: true, certificateRequest: null })!, /TLSv1\.3 resumed: no CertificateRequest \(a resumed session carries none\); received rsa-a/);
  assert.match(summarizeTranscript({ ...real, certificateRequest: null, unfilled: ['certificateRequest (MALFORMED)'] })!, /CertificateRequest not recorded/);
  assert.equal(summarizeTranscript({ server: 'x' }), null);
  assert.deepEqual(summarizeTranscripts(undefined), []);
  assert.equal(summarizeTranscripts([real, { nonsense: true }, real]).length, 2);
});

test('the handshake behind a failure is the one its observation names, else the last', async () => {
  const refused = await transcriptOf('required-a', { identity: pki.identities['ec-b'] });
  const accepted = await transcriptOf('required-b', { identity: pki.identities['ec-b'] });
  assert.match(judgedHandshake([refused, accepted], refused.exchange)!, /^required-a /);
  assert.match(judgedHandshake([refused, accepted], undefined)!, /^required-b /);
  assert.match(judgedHandshake([refused, accepted], 'f'.repeat(32))!, /^required-b /);
  assert.equal(judgedHandshake(undefined, refused.exchange), undefined);
});

import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { ECDSA_SIGNATURE_SCHEMES, SCENARIOS } from '../../scenarios/catalog.js';
import type { TestPki } from '../../pki/types.js';
import type { StartedServerFleet } from '../server-fleet.js';
import type { HandshakeTranscript, TranscriptCertificate, TranscriptCertificateRequest } from '../../backend-kit/types.js';
import { EXPECTED, identityOf, PROBE_IDENTITIES, type ProbeIdentity } from './expectations.js';
import { probe } from './https-probe.js';

export interface MatrixCell {
  readonly scenario: string;
  readonly identity: ProbeIdentity;
  readonly status: number;
  /** The observation without its exchange id (which differs per backend and request). */
  readonly body: Record<string, unknown>;
  /** The transcript fields every backend fills (the leaf only: nginx sees no more). */
  readonly transcript?: ComparableTranscript | null;
}

export interface ComparableTranscript {
  readonly tlsVersion: string;
  readonly resumed: boolean;
  /**
   * The whole CertificateRequest: read off this exchange on embedded, off a probe handshake on
   * nginx and testcontainers (fleet/probed-transcripts.ts). Both are OpenSSL servers with the
   * same configuration; their default signature lists agree as long as Node's bundled OpenSSL
   * and the system's (nginx's) have the same defaults (both 3.0.x here).
   */
  readonly certificateRequest: TranscriptCertificateRequest | null;
  readonly leaf: TranscriptCertificate | null;
}

function comparable(transcript: HandshakeTranscript | null): ComparableTranscript | null {
  if (!transcript) return null;
  const { tlsVersion, resumed, certificateRequest } = transcript;
  return { tlsVersion, resumed, certificateRequest, leaf: transcript.clientCertificates[0] ?? null };
}

/** One fresh connection per scenario x identity (no session reuse), in parallel per scenario. */
export async function runMatrix(pki: TestPki, fleet: StartedServerFleet): Promise<MatrixCell[]> {
  const cells = await Promise.all(SCENARIOS.map(async (scenario) => {
    const port = fleet.endpoint(scenario.id).port;
    const results: MatrixCell[] = [];
    for (const identity of PROBE_IDENTITIES) {
      const name = identityOf(identity);
      try {
        const res = await probe(pki, port, '/whoami', name ? { identity: pki.identities[name] } : {});
        const { exchange, ...body } = res.json;
        assert.match(String(exchange), /^[0-9a-f]{32}$/, `${scenario.id}: exchange id`);
        const transcript = comparable(await fleet.settledTranscript(scenario.id, String(exchange)));
        results.push({ scenario: scenario.id, identity, status: res.status, body, transcript });
      } catch (error) {
        // A handshake the probe refused: no HTTP exchange, the client's error is the cell.
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        results.push({ scenario: scenario.id, identity, status: 0, body: { clientError: code } });
      }
    }
    return results;
  }));
  return cells.flat();
}

/** Asserts every observed field against the PKI and the written expectations. */
export function assertCell(pki: TestPki, cell: MatrixCell): void {
  const where = `${cell.scenario} with ${cell.identity}`;
  const expected = EXPECTED[cell.scenario]?.[cell.identity];
  assert.ok(expected, `no expectation for ${where}`);
  const scenario = SCENARIOS.find((s) => s.id === cell.scenario)!;
  assert.equal(cell.status, expected.status, `${where}: status (${JSON.stringify(cell.body)})`);
  if (expected.status === 0) {
    assert.deepEqual(cell.body, { clientError: expected.clientError }, where);
    return;
  }
  const name = identityOf(cell.identity);
  // NONE: nothing presented (no request, no identity, or one the client withheld).
  const presented = expected.verify !== 'NONE';
  const info = name ? pki.identities[name] : undefined;
  const body = { ...cell.body };
  assert.deepEqual(body, {
    server: cell.scenario,
    verify: expected.verify,
    subject: presented ? info!.subject : null,
    issuer: presented ? info!.issuer : null,
    serial: presented ? info!.serial : null,
    fingerprint: presented ? info!.fingerprint : null,
    protocol: scenario.protocols.includes('TLSv1.3') ? 'TLSv1.3' : 'TLSv1.2',
    sessionReused: false,
    sni: 'localhost',
    connectionRequests: 1,
    ...(expected.error ? { error: expected.error } : {}),
  }, where);
  // The transcript shows what the server asked for and received: the leaf, or nothing.
  const transcript = cell.transcript;
  assert.ok(transcript, `${where}: no transcript`);
  assert.equal(transcript.tlsVersion, body.protocol, `${where}: transcript version`);
  assert.equal(transcript.resumed, false, `${where}: transcript resumed`);
  assert.equal(transcript.certificateRequest === null, scenario.clientAuth === 'off', `${where}: CertificateRequest`);
  assert.deepEqual(transcript.certificateRequest?.caNames ?? [], scenario.advertisedCas.map((ca) => pki.cas[ca].subject), `${where}: CA names`);
  if (transcript.certificateRequest) {
    // Every backend fills the lists: off the wire of this exchange or of a probe handshake.
    assert.ok(transcript.certificateRequest.signatureAlgorithms.length > 0, `${where}: signature algorithms`);
    assert.equal(transcript.certificateRequest.certificateTypes?.length !== undefined, transcript.tlsVersion === 'TLSv1.2', `${where}: certificate types`);
    assert.notDeepEqual(transcript.certificateRequest.certificateTypes, [], `${where}: certificate types`);
  }
  if (scenario.acceptedClientKeys === 'ECDSA') {
    assert.deepEqual(transcript.certificateRequest, {
      caNames: transcript.certificateRequest?.caNames,
      signatureAlgorithms: ECDSA_SIGNATURE_SCHEMES,
      ...(transcript.tlsVersion === 'TLSv1.2' ? { certificateTypes: ['ecdsa_sign'] } : {}),
    }, `${where}: ECDSA-only CertificateRequest`);
  }
  const leaf = presented ? new X509Certificate(info!.certificate.pem) : null;
  assert.deepEqual(transcript.leaf && { subject: transcript.leaf.subject, issuer: transcript.leaf.issuer, sha256: transcript.leaf.sha256 },
    leaf && { subject: info!.subject, issuer: info!.issuer, sha256: createHash('sha256').update(leaf.raw).digest('hex') }, `${where}: transcript leaf`);
}

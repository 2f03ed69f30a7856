/**
 * Checks of the CertificateRequest probe against real servers, shared by the nginx and Java
 * tests: what it reads equals what `openssl s_client` (an independent TLS stack) reports, and
 * it does not depend on what the client offers.
 */
import assert from 'node:assert/strict';
import { probeJudgeCertificateRequest, type ProbeProtocol } from '../transcript-probe.js';
import { observeCertificateRequest } from './advertised-ca-names.js';
import { asOpensslCertificateType, asOpensslSignatureAlgorithm } from './openssl-names.js';

export interface ProbedServer {
  readonly scenario: string;
  readonly port: number;
  readonly protocols: readonly ProbeProtocol[];
}

/** Probes every server at every protocol; asserts each reading equals openssl s_client's. Returns how many it compared. */
export async function assertProbeMatchesOpenssl(servers: readonly ProbedServer[]): Promise<number> {
  let compared = 0;
  for (const { scenario, port, protocols } of servers) {
    for (const protocol of protocols) {
      const where = `${scenario} ${protocol}`;
      const probed = await probeJudgeCertificateRequest(port, protocol);
      assert.ok(probed.ok, `${where}: ${probed.ok ? '' : probed.error.message}`);
      assert.ok(probed.request, `${where}: the probe saw no CertificateRequest`);
      const observed = await observeCertificateRequest(port, protocol);
      assert.ok(observed.signatureAlgorithms.length > 0, `${where}: openssl printed no signature algorithms`);
      assert.deepEqual({
        caNames: probed.request.caNames,
        signatureAlgorithms: probed.request.signatureAlgorithms.map(asOpensslSignatureAlgorithm),
        certificateTypes: (probed.request.certificateTypes ?? []).map(asOpensslCertificateType),
      }, observed, where);
      compared += 1;
    }
  }
  return compared;
}

/** Client offers that differ in signature algorithms and cipher suites (both fit an RSA or EC server). */
const OFFERS: Readonly<Record<ProbeProtocol, readonly { sigalgs: string; ciphers: string }[]>> = {
  'TLSv1.2': [
    { sigalgs: 'ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256:rsa_pkcs1_sha256', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256' },
    { sigalgs: 'rsa_pkcs1_sha512:ecdsa_secp521r1_sha512:rsa_pss_rsae_sha384:ecdsa_secp384r1_sha384:ecdsa_secp256r1_sha256:rsa_pkcs1_sha256',
      ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384' },
  ],
  'TLSv1.3': [
    { sigalgs: 'ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256', ciphers: 'TLS_AES_128_GCM_SHA256' },
    { sigalgs: 'rsa_pss_rsae_sha512:ecdsa_secp384r1_sha384:rsa_pss_rsae_sha256:ecdsa_secp256r1_sha256', ciphers: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256' },
  ],
};

/** Two probes with different client offers read the same CertificateRequest, on every server and protocol. */
export async function assertRequestIndependentOfOffer(servers: readonly ProbedServer[]): Promise<void> {
  for (const { scenario, port, protocols } of servers) {
    for (const protocol of protocols) {
      const readings = await Promise.all(OFFERS[protocol].map((offer) => probeJudgeCertificateRequest(port, protocol, offer)));
      for (const reading of readings) assert.ok(reading.ok && reading.request, `${scenario} ${protocol}: ${reading.ok ? 'no request' : reading.error.message}`);
      const [first, ...rest] = readings.map((r) => (r.ok ? r.request : null));
      for (const other of rest) assert.deepEqual(other, first, `${scenario} ${protocol}: the request depends on the client's offer`);
    }
  }
}

/**
 * The two broken Android choices, at the selection step: each picks what the reference does
 * not (the suite-level proof, against real servers, is harness/teeth/teeth.test.ts).
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createStandardFixtures, type StandardFixtures } from '../../reference/testing/openssl-pki.js';
import type { ProbeResult } from '../../reference/tls/certificate-request.js';
import { subjectNameDer } from '../../reference/tls/certificate-names.js';
import { selectIdentity } from '../../reference/tls/identity-selector.js';
import { identityOf, reencodeName } from '../../reference/tls/testing/identities.js';
import { byBytes } from './ca-names-as-bytes.js';
import { byCertificateTypes } from './tls12-certificate-types-only.js';

let f: StandardFixtures;
before(async () => { f = await createStandardFixtures(); });
after(() => f.pki.dispose());

test('ca-names-as-bytes: CA A\'s name in upper case no longer matches rsa-a; the reference still presents it', () => {
  const [rsaA, ecB] = [identityOf(f.clientRsaA), identityOf(f.clientEcB)];
  const upper = reencodeName(subjectNameDer(new X509Certificate(f.caA.certPem)), (v) => ({ tag: v.tag, text: v.value.toString('utf8').toUpperCase() }));
  const probe: ProbeResult = { requested: true, request: { protocol: 'TLSv1.3', keyTypes: new Set(['RSA', 'EC']), certificateAuthorities: [upper] } };
  assert.equal(selectIdentity('android', [ecB, rsaA], probe), rsaA);
  assert.equal(byBytes('android', [ecB, rsaA], probe), null);
  const exact: ProbeResult = { ...probe, request: { ...probe.request, certificateAuthorities: [subjectNameDer(new X509Certificate(f.caA.certPem))] } };
  assert.equal(byBytes('android', [ecB, rsaA], exact), rsaA);
});

test('tls12-certificate-types-only: every certificate type listed, ECDSA-only signatures: rsa-a instead of ec-b', () => {
  const [rsaA, ecB] = [identityOf(f.clientRsaA), identityOf(f.clientEcB)];
  const probe: ProbeResult = {
    requested: true,
    request: { protocol: 'TLSv1.2', keyTypes: new Set(['EC']), certificateTypeKeyTypes: new Set(['RSA', 'EC']), certificateAuthorities: [] },
  };
  assert.equal(selectIdentity('android', [rsaA, ecB], probe), ecB);
  assert.equal(byCertificateTypes('android', [rsaA, ecB], probe), rsaA);
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import type { KeyType } from '../credentials/client-identity.js';
import { createStandardFixtures, type StandardFixtures } from '../testing/openssl-pki.js';
import type { ProbeResult } from './certificate-request.js';
import { issuerNameDer, subjectNameDer } from './certificate-names.js';
import { selectIdentity } from './identity-selector.js';
import { identityOf, reencodeName } from './testing/identities.js';

let f: StandardFixtures;

before(async () => { f = await createStandardFixtures(); });
after(() => f.pki.dispose());

const name = (pem: string) => subjectNameDer(new X509Certificate(pem));
function asked(keyTypes: KeyType[], cas: string[]): ProbeResult {
  return { requested: true, request: { protocol: 'TLSv1.3', keyTypes: new Set(keyTypes), certificateAuthorities: cas.map(name) } };
}

describe('selectIdentity', () => {
  test('issuer and subject names are the exact DER of the certificate fields', () => {
    const leaf = new X509Certificate(f.clientRsaA.certPem);
    assert.ok(issuerNameDer(leaf).equals(name(f.caA.certPem)));
    assert.ok(subjectNameDer(leaf).toString('latin1').includes('client-rsa-a'));
    assert.equal(issuerNameDer(leaf)[0], 0x30);
  });

  test('no CertificateRequest: nothing, on both platforms', () => {
    const all = [identityOf(f.clientRsaA)];
    assert.equal(selectIdentity('android', all, { requested: false, protocol: 'TLSv1.3' }), null);
    assert.equal(selectIdentity('ios', all, { requested: false, protocol: 'TLSv1.2' }), null);
    assert.equal(selectIdentity('ios', [], asked(['RSA'], [])), null);
  });

  test('iOS presents the first identity whatever the request says', () => {
    const [ecB, rsaA] = [identityOf(f.clientEcB), identityOf(f.clientRsaA)];
    assert.equal(selectIdentity('ios', [ecB, rsaA], asked(['RSA'], [f.caA.certPem])), ecB);
  });

  test('Android: CA names decide, by leaf issuer or by any issuer in the chain', () => {
    const [rsaA, ecB, viaIntermediate] = [identityOf(f.clientRsaA), identityOf(f.clientEcB), identityOf(f.clientRsaIntermediate)];
    assert.equal(selectIdentity('android', [rsaA, ecB], asked(['RSA', 'EC'], [f.caB.certPem])), ecB);
    assert.equal(selectIdentity('android', [ecB, viaIntermediate], asked(['RSA', 'EC'], [f.caA.certPem])), viaIntermediate);
    // Without the intermediate in the file, nothing in the chain was issued by A.
    const leafOnly = { ...viaIntermediate, chain: viaIntermediate.chain.slice(0, 1) };
    assert.equal(selectIdentity('android', [ecB, leafOnly], asked(['RSA', 'EC'], [f.caA.certPem])), null);
    assert.equal(selectIdentity('android', [ecB, leafOnly], asked(['RSA', 'EC'], [f.intermediateA.certPem])), leafOnly);
  });

  test('Android: CA names match as X.500 names, not bytes (other string type, other letter case)', () => {
    const [rsaA, ecB] = [identityOf(f.clientRsaA), identityOf(f.clientEcB)];
    const caA = name(f.caA.certPem);
    // Re-encode the advertised name: same DN, other bytes.
    const printable = reencodeName(caA, (value) => ({ tag: 0x13, text: value.value.toString('utf8') }));
    const upper = reencodeName(caA, (value) => ({ tag: value.tag, text: value.value.toString('utf8').toUpperCase() }));
    assert.ok(!printable.equals(caA) && !upper.equals(caA));
    const askedBy = (der: Buffer): ProbeResult => ({ requested: true, request: { protocol: 'TLSv1.2', keyTypes: new Set(['RSA', 'EC']), certificateAuthorities: [der] } });
    assert.equal(selectIdentity('android', [ecB, rsaA], askedBy(printable)), rsaA);
    assert.equal(selectIdentity('android', [ecB, rsaA], askedBy(upper)), rsaA);
    assert.equal(selectIdentity('android', [ecB], askedBy(upper)), null);
  });

  test('Android: key types decide, an empty CA list accepts any issuer', () => {
    const [rsaA, ecB] = [identityOf(f.clientRsaA), identityOf(f.clientEcB)];
    assert.equal(selectIdentity('android', [ecB, rsaA], asked(['RSA'], [])), rsaA);
    assert.equal(selectIdentity('android', [rsaA, ecB], asked(['EC'], [])), ecB);
    assert.equal(selectIdentity('android', [rsaA, ecB], asked(['RSA'], [f.caB.certPem])), null);
    assert.equal(selectIdentity('android', [rsaA], asked([], [])), null);
  });
});

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import type { IdentityName } from '../pki/types.js';
import { verifyClientChain } from './manual-chain-verifier.js';

let pki: CreatedTestPki;
before(async () => { pki = await createTestPki(); });
after(async () => { await pki.dispose(); });

const chainOf = (name: IdentityName): X509Certificate[] =>
  pki.identities[name].chain.pem.split(/(?=-----BEGIN CERTIFICATE-----)/).map((pem) => new X509Certificate(pem));
const ca = (name: 'A' | 'B' | 'intermediateA'): X509Certificate => new X509Certificate(pki.cas[name].certificate.pem);

test('verifyClientChain gives the OpenSSL result for each kind of client certificate', () => {
  const cases: Array<[IdentityName, string | null]> = [
    ['rsa-a', null],
    ['rsa-intermediate', null],
    ['ec-b', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['expired', 'CERT_HAS_EXPIRED'],
    ['not-yet-valid', 'CERT_NOT_YET_VALID'],
    ['server-auth-only', 'INVALID_PURPOSE'],
    ['self-signed', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ];
  for (const [name, expected] of cases) assert.equal(verifyClientChain(chainOf(name), [ca('A')], 1), expected, name);
});

test('verify depth counts the certificates above the leaf, the trust anchor excluded (openssl verify -verify_depth)', () => {
  assert.equal(verifyClientChain(chainOf('rsa-intermediate'), [ca('A')], 0), 'CERT_CHAIN_TOO_LONG');
  assert.equal(verifyClientChain(chainOf('rsa-a'), [ca('A')], 0), null);
  assert.equal(verifyClientChain(chainOf('rsa-intermediate'), [ca('A')], 1), null);
});

test('a trusted intermediate is no anchor without its root (no partial chains); a missing one is an unknown issuer', () => {
  // openssl verify -CAfile intermediate: "error 2 at 1 depth lookup: unable to get issuer certificate"
  assert.equal(verifyClientChain(chainOf('rsa-intermediate').slice(0, 1), [ca('intermediateA')], 1), 'UNABLE_TO_GET_ISSUER_CERT');
  assert.equal(verifyClientChain(chainOf('rsa-intermediate').slice(0, 1), [ca('intermediateA'), ca('A')], 1), null);
  assert.equal(verifyClientChain(chainOf('rsa-intermediate').slice(0, 1), [ca('A')], 1), 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  assert.equal(verifyClientChain(chainOf('rsa-intermediate'), [ca('B')], 1), 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
  assert.throws(() => verifyClientChain([], [ca('A')], 1));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createStandardFixtures } from './openssl-pki.js';

test('openssl fixtures: chains, every pkcs12 mode, keytool stores, expired leaves', async () => {
  const f = await createStandardFixtures();
  try {
    assert.equal(f.clientRsaIntermediate.intermediates.length, 1);
    const leaf = new X509Certificate(f.clientRsaIntermediate.certPem);
    assert.ok(leaf.checkIssued(new X509Certificate(f.intermediateA.certPem)));
    for (const mode of ['default', 'legacy', 'des3', 'aes128', 'sha512mac', 'noenc-nomac'] as const) {
      const password = mode === 'noenc-nomac' ? '' : 'pw';
      const p12 = await f.pki.pkcs12({ identity: f.clientRsaIntermediate, password, mode, withChain: true });
      assert.equal(p12[0], 0x30, `${mode}: a DER SEQUENCE`);
    }
    const store = await f.pki.keytoolPkcs12([{ alias: 'one', keyType: 'RSA' }, { alias: 'two', keyType: 'EC' }], 'changeit');
    assert.equal(store[0], 0x30);
    const expired = await f.pki.issue({ name: 'expired', issuer: f.caA, usage: 'client', days: -1 });
    assert.ok(new Date(new X509Certificate(expired.certPem).validTo) < new Date());
  } finally {
    await f.pki.dispose();
  }
});

// A MAC long enough to be derived on the helper thread (mac.ts startMacCheck): the file still
// loads, and a wrong password is still PKCS12_BAD_PASSWORD, not whatever the speculative
// decryption ran into first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStandardFixtures, type StandardFixtures } from '../test-support/openssl-pki.js';
import { decodePkcs12 } from './index.js';
import { BACKGROUND_MIN_ROUNDS } from './wasm-hash/background-rehash.js';

const PASSWORD = 'long mac';
let fx: StandardFixtures;
let files: Buffer[];

before(async () => {
  fx = await createStandardFixtures();
  files = await Promise.all((['default', 'legacy'] as const).map((mode) =>
    fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, mode, iterations: BACKGROUND_MIN_ROUNDS + 1 })));
});
after(async () => fx?.pki.dispose());

test('SHA-256 (default) and SHA-1 (legacy) MACs above the hand-off bound: loads, and a wrong password is PKCS12_BAD_PASSWORD', () => {
  for (const file of files) {
    assert.equal(decodePkcs12(file, PASSWORD).identities.length, 1);
    assert.throws(() => decodePkcs12(file, `${PASSWORD}!`), { code: 'PKCS12_BAD_PASSWORD' });
    assert.equal(decodePkcs12(file, PASSWORD).identities.length, 1, 'the helper serves the next load too');
  }
});

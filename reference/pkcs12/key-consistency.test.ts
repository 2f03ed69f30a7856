import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { isConsistentKeyPair } from './key-consistency.js';

const generate = promisify(generateKeyPair);

function tampered(key: KeyObject, field: keyof JsonWebKey, from: KeyObject): KeyObject {
  const jwk = key.export({ format: 'jwk' });
  return createPrivateKey({ key: { ...jwk, [field]: from.export({ format: 'jwk' })[field] }, format: 'jwk' });
}

test('consistent RSA and EC keys pass; a private half swapped for another key\'s fails', async () => {
  const [rsa1, rsa2, p256a, p256b, p384a, p384b] = await Promise.all([
    generate('rsa', { modulusLength: 2048 }), generate('rsa', { modulusLength: 2048 }),
    generate('ec', { namedCurve: 'P-256' }), generate('ec', { namedCurve: 'P-256' }),
    generate('ec', { namedCurve: 'P-384' }), generate('ec', { namedCurve: 'P-384' }),
  ]);
  for (const { privateKey } of [rsa1, p256a, p384a]) assert.equal(isConsistentKeyPair(privateKey), true);
  assert.equal(isConsistentKeyPair(tampered(p256a.privateKey, 'd', p256b.privateKey)), false);
  assert.equal(isConsistentKeyPair(tampered(p384a.privateKey, 'd', p384b.privateKey)), false);
  for (const field of ['d', 'dp', 'dq', 'qi'] as const) {
    assert.equal(isConsistentKeyPair(tampered(rsa1.privateKey, field, rsa2.privateKey)), false, field);
  }
});

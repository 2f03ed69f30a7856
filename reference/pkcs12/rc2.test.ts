import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Rc2, rc2CbcDecrypt } from './rc2.js';

// RFC 2268 section 5: key, effective key bits, plaintext, ciphertext.
const vectors: Array<[string, number, string, string]> = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  ['88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e', 129, '0000000000000000', '5b78d3a43dfff1f1'],
];

test('RC2 matches the RFC 2268 test vectors in both directions', () => {
  for (const [key, bits, plain, cipher] of vectors) {
    const rc2 = new Rc2(Buffer.from(key, 'hex'), bits);
    const out = Buffer.alloc(8);
    rc2.encryptBlock(Buffer.from(plain, 'hex'), out);
    assert.equal(out.toString('hex'), cipher, `encrypt key=${key} bits=${bits}`);
    rc2.decryptBlock(Buffer.from(cipher, 'hex'), out);
    assert.equal(out.toString('hex'), plain, `decrypt key=${key} bits=${bits}`);
  }
});

test('RC2-CBC decryption inverts CBC encryption built from the block cipher', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 128 }), fc.integer({ min: 1, max: 1024 }),
    fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 8 }), (key, bits, iv, blocks) => {
      const plain = randomBytes(blocks * 8);
      const rc2 = new Rc2(key, bits);
      const encrypted = Buffer.alloc(plain.length);
      let previous: Uint8Array = iv;
      for (let o = 0; o < plain.length; o += 8) {
        const x = Buffer.from(plain.subarray(o, o + 8).map((b, i) => b ^ previous[i]!));
        rc2.encryptBlock(x, encrypted.subarray(o, o + 8));
        previous = encrypted.subarray(o, o + 8);
      }
      assert.deepEqual(rc2CbcDecrypt(key, bits, iv, encrypted), plain);
    }), { numRuns: 300 });
});

test('RC2 rejects keys and effective sizes outside RFC 2268', () => {
  assert.throws(() => new Rc2(new Uint8Array(0), 64), RangeError);
  assert.throws(() => new Rc2(new Uint8Array(129), 64), RangeError);
  assert.throws(() => new Rc2(new Uint8Array(8), 0), RangeError);
  assert.throws(() => rc2CbcDecrypt(new Uint8Array(5), 40, new Uint8Array(8), new Uint8Array(7)), RangeError);
});

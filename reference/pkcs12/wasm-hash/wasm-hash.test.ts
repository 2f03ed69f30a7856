import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hash, randomBytes } from 'node:crypto';
import { rehash, type KernelDigest } from './index.js';
import { signedLeb, unsignedLeb } from './wasm-writer.js';

const digests: KernelDigest[] = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

test('LEB128 encodings of the spec\'s examples', () => {
  assert.deepEqual(unsignedLeb(624485), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(signedLeb(-123456n), [0xc0, 0xbb, 0x78]);
  assert.deepEqual(signedLeb(63n), [0x3f]);
  assert.deepEqual(signedLeb(64n), [0xc0, 0x00]);
  assert.deepEqual(signedLeb(-0x8000000000000000n), [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
});

test('each kernel equals node:crypto applied n times, over thousands of rounds and random starts', () => {
  for (const digest of digests) {
    for (const rounds of [1, 2, 3, 1000, 2500]) {
      const start = hash(digest, randomBytes(37), 'buffer');
      let expected = start;
      for (let i = 0; i < rounds; i++) expected = hash(digest, expected, 'buffer');
      assert.equal(rehash(digest, start, rounds).toString('hex'), expected.toString('hex'), `${digest} x${rounds}`);
    }
  }
});

test('zero rounds returns the digest untouched; calls do not leak state into each other', () => {
  const a = hash('sha256', 'a', 'buffer');
  assert.equal(rehash('sha256', a, 0), a);
  const once = rehash('sha1', hash('sha1', 'x', 'buffer'), 10);
  rehash('sha512', hash('sha512', 'y', 'buffer'), 10);
  assert.deepEqual(rehash('sha1', hash('sha1', 'x', 'buffer'), 10), once);
});

test('on the helper thread: the same result as inline, call after call, each digest', async () => {
  const { rehashInBackground, BACKGROUND_MIN_ROUNDS } = await import('./background-rehash.js');
  for (const digest of ['sha256', 'sha1', 'sha512'] as const) {
    const start = hash(digest, randomBytes(16), 'buffer');
    const pending = rehashInBackground(digest, start, BACKGROUND_MIN_ROUNDS + 7);
    assert.equal(pending.result().toString('hex'), rehash(digest, start, BACKGROUND_MIN_ROUNDS + 7).toString('hex'), digest);
    assert.equal(pending.result(), pending.result(), 'read twice, computed once');
  }
  // Two under way at once: the second must not read the first one's answer.
  const [a, b] = [hash('sha1', 'a', 'buffer'), hash('sha1', 'b', 'buffer')];
  const first = rehashInBackground('sha1', a, BACKGROUND_MIN_ROUNDS);
  const second = rehashInBackground('sha1', b, BACKGROUND_MIN_ROUNDS);
  assert.deepEqual(second.result(), rehash('sha1', b, BACKGROUND_MIN_ROUNDS));
  assert.deepEqual(first.result(), rehash('sha1', a, BACKGROUND_MIN_ROUNDS));
});

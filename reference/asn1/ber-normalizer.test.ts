// normalizeBer: BER indefinite lengths and constructed OCTET STRINGs to definite lengths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DerError, parseDer } from './der-reader.js';
import { BerLimitError, MAX_BER_DEPTH, MAX_BER_ELEMENTS, normalizeBer } from './ber-normalizer.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

test('DER input comes back as the same buffer (no copy)', () => {
  const der = hex('30 06 02 01 03 04 01 aa');
  assert.equal(normalizeBer(der), der);
});

test('indefinite lengths become definite, nested', () => {
  // SEQUENCE(indef) { INTEGER 3, SEQUENCE(indef) { OCTET STRING aa bb } }
  const ber = hex('30 80 02 01 03 30 80 04 02 aa bb 00 00 00 00');
  assert.deepEqual(normalizeBer(ber), hex('30 09 02 01 03 30 04 04 02 aa bb'));
});

test('constructed OCTET STRINGs (nested, indefinite or not) become one primitive with the parts concatenated', () => {
  const ber = hex('a0 80 24 80 04 02 01 02 24 04 04 02 03 04 04 00 00 00 00 00');
  assert.deepEqual(normalizeBer(ber), hex('a0 06 04 04 01 02 03 04'));
});

test('long contents get long-form lengths', () => {
  const part = Buffer.alloc(200, 7);
  const ber = Buffer.concat([hex('24 80 04 81 c8'), part, hex('04 81 c8'), part, hex('00 00')]);
  const out = normalizeBer(ber);
  assert.deepEqual(out.subarray(0, 4), hex('04 82 01 90'));
  assert.deepEqual(parseDer(out).value, Buffer.concat([part, part]));
});

test('malformed BER is a DerError: truncation, missing end-of-contents, bad parts, trailing data', () => {
  for (const bad of [
    '30 80 02 01 03', // no end-of-contents
    '30 80 02 01', // truncated inside
    '30 80 02 05 03 00 00', // child longer than the input
    '30 03 30 80 00', // indefinite child cut by its parent's length
    '24 80 02 01 03 00 00', // an INTEGER inside an OCTET STRING
    '04 80 00 00', // indefinite primitive
    '30 80 00 00 05', // trailing byte
    '30 85 00 00 00 00 01 00', // length of length too large
  ]) {
    assert.throws(() => normalizeBer(hex(bad)), DerError, bad);
  }
});

test('nesting beyond MAX_BER_DEPTH is refused, not a stack overflow', () => {
  const deep = (n: number): Buffer => Buffer.concat([Buffer.alloc(n * 2, 0).fill(hex('30 80')), Buffer.alloc(n * 2, 0)]);
  assert.doesNotThrow(() => normalizeBer(deep(MAX_BER_DEPTH)));
  assert.throws(() => normalizeBer(deep(MAX_BER_DEPTH + 1)), /nested too deeply/);
  assert.throws(() => normalizeBer(deep(100_000)), /nested too deeply/);
});

test('linear on large inputs: 200,000 parts in one constructed OCTET STRING', () => {
  const parts = 200_000; // quadratic work here would be 4e10 steps: a hang, not a slow pass
  const ber = Buffer.alloc(2 + parts * 3 + 2);
  ber[0] = 0x24; ber[1] = 0x80;
  for (let i = 0; i < parts; i++) ber.set([0x04, 0x01, i & 0xff], 2 + i * 3);
  const start = performance.now();
  const out = normalizeBer(ber, parts + 1);
  const elapsed = performance.now() - start;
  assert.equal(parseDer(out).value.length, parts);
  assert.ok(elapsed < 5000, `took ${elapsed.toFixed(0)} ms`);
  // With the default bound the same input is refused before a tree is built.
  assert.throws(() => normalizeBer(ber), (e: unknown) => e instanceof BerLimitError && e.limit === MAX_BER_ELEMENTS);
});

test('DER with a million elements is scanned, not rebuilt: the same buffer comes back, no element bound applies', () => {
  const count = 1_000_000;
  const body = Buffer.alloc(count * 2);
  for (let i = 0; i < count; i++) body[i * 2] = 0x30; // empty SEQUENCEs
  const der = Buffer.concat([Buffer.of(0x30, 0x83, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff), body]);
  assert.equal(normalizeBer(der), der);
  // One BER element anywhere (the last one, here) and the bound applies.
  const ber = Buffer.concat([der.subarray(0, der.length - 2), Buffer.of(0x30, 0x80, 0, 0)]);
  ber.writeUIntBE(body.length + 2, 2, 3);
  assert.throws(() => normalizeBer(ber), BerLimitError);
});

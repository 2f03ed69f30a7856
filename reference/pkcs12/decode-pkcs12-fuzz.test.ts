// Property: on any input decodePkcs12 returns usable contents or throws a Pkcs12Error, promptly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createStandardFixtures, type StandardFixtures } from '../testing/openssl-pki.js';
import { decodePkcs12, Pkcs12Error } from './index.js';
import { assertKeyMatchesLeaf } from './testing/identity-checks.js';

const PASSWORD = 'fuzz';
/** Per call; generous for a loaded 2-core machine, far below what a hang or a runaway KDF takes. */
const CALL_BOUND_MS = 3000;
let fx: StandardFixtures;
let seeds: Buffer[];

before(async () => {
  fx = await createStandardFixtures();
  // -iter 1 keeps each decode cheap so thousands of mutants run in seconds; -nomac variants let
  // mutations reach the decryption and bag parsing instead of stopping at the MAC.
  seeds = await Promise.all([
    fx.pki.pkcs12({ identity: fx.clientRsaA, password: PASSWORD, iterations: 1 }),
    fx.pki.pkcs12({ identity: fx.clientEcB, password: PASSWORD, iterations: 1, noMac: true }),
    fx.pki.pkcs12({ identity: fx.clientEcB, password: PASSWORD, mode: 'legacy', iterations: 1, noMac: true }),
    fx.pki.pkcs12({ identity: fx.clientRsaIntermediate, password: PASSWORD, mode: 'des3', iterations: 1, noMac: true, withChain: true }),
    fx.pki.pkcs12({ identity: fx.clientEcB, password: PASSWORD, mode: 'noenc-nomac', friendlyName: 'fuzz' }),
  ]);
});
after(async () => fx?.pki.dispose());

function checkOutcome(data: Uint8Array): void {
  const start = performance.now();
  try {
    const contents = decodePkcs12(data, PASSWORD);
    assert.ok(contents.identities.length >= 1);
    for (const identity of contents.identities) assertKeyMatchesLeaf(identity);
  } catch (error) {
    if (!(error instanceof Pkcs12Error)) throw new Error(`escaped a non-Pkcs12Error: ${String(error)}`, { cause: error });
    assert.match(error.code, /^PKCS12_[A-Z_]+$/);
  }
  const elapsed = performance.now() - start;
  assert.ok(elapsed < CALL_BOUND_MS, `one call took ${elapsed.toFixed(0)} ms`);
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number };

const position = fc.nat({ max: 4095 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.constantFrom(0x00, 0x7f, 0x80, 0x81, 0x84, 0xff, 0x30) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

function mutate(seed: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(seed);
  for (const m of mutations) {
    const at = m.at % Math.max(bytes.length, 1);
    switch (m.kind) {
      case 'flip': if (bytes.length) bytes[at]! ^= 1 << m.bit; break;
      case 'set': if (bytes.length) bytes[at] = m.value; break;
      case 'insert': bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]); break;
      case 'delete': bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.count)]); break;
      case 'truncate': bytes = bytes.subarray(0, at); break;
    }
  }
  return bytes;
}

test('random byte strings (some shaped like a DER SEQUENCE) only ever fail with a Pkcs12Error', () => {
  const shaped = fc.uint8Array({ maxLength: 300 }).map((body) =>
    Buffer.concat([Buffer.of(0x30, 0x82, body.length >> 8, body.length & 0xff), body]));
  fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), shaped), (bytes) => {
    assert.throws(() => decodePkcs12(bytes, PASSWORD), Pkcs12Error);
    checkOutcome(bytes);
  }), { numRuns: 3000 });
});

test('mutated real files decode or fail with a Pkcs12Error, each call promptly', () => {
  for (const seed of seeds) checkOutcome(seed); // the seeds themselves decode
  for (const seed of seeds) assert.equal(decodePkcs12(seed, PASSWORD).identities.length, 1);
  fc.assert(fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }),
    (index, mutations) => checkOutcome(mutate(seeds[index]!, mutations))), { numRuns: 4000 });
});

/**
 * Property: whatever loadClientCertificate is given, it returns false or throws 100 / 101;
 * it never throws anything else, and a failed load never changes the identity in force.
 * Checked through lastLoadFailure after every call and one real request at the end.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { CN_A, PASS_A, createKit, whoami, type Kit } from '../runtime/testing/runtime-kit.js';
import { createRuntime } from '../runtime/create-runtime.js';
import type { Issued } from '../testing/openssl-pki.js';
import type { JudgeServer } from '../net/testing/judge-server.js';

const run = promisify(execFile);
const PASS_LOW = 'low-iter';
let kit: Kit;
let judge: JudgeServer;
let lowIterFiles: Buffer[];

/** A PKCS#12 made with one KDF iteration, so thousands of decodes stay fast. */
async function lowIteration(identity: Issued, legacy: boolean): Promise<Buffer> {
  const out = join(kit.fixtures.pki.dir, `${identity.name}-low-${legacy ? 'legacy' : 'aes'}.p12`);
  await run('openssl', ['pkcs12', '-export', '-inkey', identity.keyPath, '-in', identity.certPath, '-out', out,
    '-passout', 'env:VOLTMX_FIXTURE_PASS', '-iter', '1', ...(legacy ? ['-legacy'] : [])],
  { env: { ...process.env, VOLTMX_FIXTURE_PASS: PASS_LOW } });
  const bytes = await readFile(out);
  await rm(out, { force: true });
  return bytes;
}

before(async () => {
  kit = await createKit(createRuntime);
  judge = await kit.judge();
  lowIterFiles = await Promise.all([lowIteration(kit.fixtures.clientEcB, false), lowIteration(kit.fixtures.clientEcB, true)]);
});
after(() => kit.dispose());

interface Mutation { kind: 'flip' | 'truncate' | 'append' | 'set'; at: number; value: number; extra: Uint8Array }

function mutate(file: Buffer, m: Mutation): Uint8Array {
  const at = m.at % file.length;
  const copy = Uint8Array.from(file);
  switch (m.kind) {
    case 'flip': copy[at] ^= 1 << (m.value % 8); return copy;
    case 'set': copy[at] = m.value; return copy;
    case 'truncate': return copy.subarray(0, at);
    case 'append': return Uint8Array.from([...copy, ...m.extra]);
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('flip', 'truncate', 'append', 'set'),
  at: fc.nat(),
  value: fc.integer({ min: 0, max: 255 }),
  extra: fc.uint8Array({ minLength: 1, maxLength: 64 }),
});

/** Argument lists: mostly one table, sometimes anything at all. */
const argumentLists: fc.Arbitrary<unknown[]> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 1 }), mutation, fc.constantFrom('raw', 'base64', 'arraybuffer'), fc.oneof(fc.constant(PASS_LOW), fc.string()))
    .map(([which, m, form, pass]) => {
      const bytes = mutate(lowIterFiles[which], m);
      const cert = form === 'raw' ? bytes : form === 'base64' ? Buffer.from(bytes).toString('base64') : bytes.slice().buffer;
      return [{ cert, pass }];
    }) },
  { weight: 2, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 1024 }), fc.string()).map(([cert, pass]) => [{ cert, pass }]) },
  { weight: 2, arbitrary: fc.tuple(fc.oneof(fc.base64String({ maxLength: 400 }), fc.string({ maxLength: 200 }),
    fc.stringMatching(/^[A-Za-z0-9+/=_\-\s]{0,200}$/)), fc.string()).map(([cert, pass]) => [{ cert, pass }]) },
  { weight: 1, arbitrary: fc.array(fc.anything(), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ cert: fc.anything(), pass: fc.anything() }, { requiredKeys: [] }).map((t) => [t]) },
);

test('thousands of random and mutated inputs: false or 100/101, and a failed load keeps the identity', { timeout: 120_000 }, async (t) => {
  const runtime = kit.runtime();
  assert.equal(runtime.net.loadClientCertificate({ cert: kit.p12A, pass: PASS_A }), true);
  const load = runtime.net.loadClientCertificate as (...a: unknown[]) => unknown;
  let expectedCn = CN_A;
  let loaded = 0;
  let failed = 0;
  let thrown = 0;
  fc.assert(fc.property(argumentLists, (args) => {
    const before = runtime.lastLoadFailure?.() ?? null;
    let returned: unknown;
    try {
      returned = load(...args);
    } catch (error) {
      thrown++;
      const code = (error as { errorCode?: unknown }).errorCode;
      assert.ok(code === 100 || code === 101, `threw something other than 100/101: ${String(error)}`);
      assert.equal(runtime.lastLoadFailure?.() ?? null, before, 'a thrown call does not touch lastLoadFailure');
      return;
    }
    if (returned === true) {
      // Only possible when the mutation left a valid file (e.g. set a byte to its own value).
      loaded++;
      assert.equal(runtime.lastLoadFailure?.(), null);
      expectedCn = 'client-ec-b';
      return;
    }
    failed++;
    assert.equal(returned, false);
    const failure = runtime.lastLoadFailure?.();
    assert.ok(failure, 'a false return leaves a reason');
    assert.match(failure.code, /^(PKCS12|CERT)_[A-Z0-9_]+$/);
    assert.equal(typeof failure.message, 'string');
  }), { numRuns: 3000, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) });
  t.diagnostic(`failed ${failed}, thrown ${thrown}, loaded ${loaded}`);
  assert.ok(failed > 1000 && thrown > 100, `the generators reach both outcomes (failed ${failed}, thrown ${thrown}, loaded ${loaded})`);
  assert.equal((await whoami(runtime, judge.url())).cn, expectedCn);
});

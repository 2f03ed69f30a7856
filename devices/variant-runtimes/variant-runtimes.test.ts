/**
 * Each variant runtime shows its difference against a real node:https judge on 127.0.0.1, next
 * to the reference's behaviour on the same input. (The suite-level proof that the suite accepts
 * them is harness/teeth/variants.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRuntime as reference } from '../../reference/index.js';
import type { JudgeServer } from '../../reference/net/testing/judge-server.js';
import type { Platform, RuntimeFactory, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { CN_A, PASS_A, createKit, httpRequest, invoke, whoami, type Kit } from '../../reference/runtime/testing/runtime-kit.js';
import { createRuntime as noKeepAlive } from './no-keep-alive.js';
import { createRuntime as noSessionResumption } from './no-session-resumption.js';
import { createRuntime as lenientBase64, androidBase64 } from './lenient-base64.js';
import { createRuntime as passOptional } from './pass-optional.js';
import { createRuntime as iosUnencryptedRefused, isUnencryptedPkcs12 } from './ios-unencrypted-refused.js';
import { createRuntime as sparseCallbacks } from './sparse-callbacks.js';
import { createRuntime as authRefusal1200 } from './auth-refusal-1200.js';

let kit: Kit;
let judge: JudgeServer;
const launched: VoltmxRuntime[] = [];

before(async () => {
  kit = await createKit(reference);
  judge = await kit.judge();
});
after(async () => {
  await Promise.all(launched.map((r) => r.shutdown()));
  await kit.dispose();
});

function launch(factory: RuntimeFactory, platform: Platform = 'android'): VoltmxRuntime {
  const runtime = factory({ platform, trust: { ca: [kit.fixtures.caA.certPem] } });
  launched.push(runtime);
  return runtime;
}
const call = (r: VoltmxRuntime, ...args: unknown[]) => (r.net.loadClientCertificate as (...a: unknown[]) => unknown)(...args);

describe('no-keep-alive', () => {
  test('every request arrives on a new connection; the reference reuses one', async () => {
    for (const [factory, fresh] of [[noKeepAlive, true], [reference, false]] as const) {
      const runtime = launch(factory);
      assert.equal(call(runtime, { cert: kit.p12A, pass: PASS_A }), true);
      const first = await whoami(runtime, judge.url());
      const second = await whoami(runtime, judge.url());
      assert.equal(second.cn, CN_A);
      assert.equal(second.connection === first.connection, !fresh);
    }
  });
});

describe('no-session-resumption', () => {
  test('a TLS 1.2 server with a session cache never sees a resumed session; the reference resumes', async () => {
    const tls12 = await kit.judge({ tls12SessionCache: true });
    for (const [factory, resumes] of [[noSessionResumption, false], [reference, true]] as const) {
      const runtime = launch(factory);
      assert.equal(call(runtime, { cert: kit.p12A, pass: PASS_A }), true);
      // /close answers with "connection: close": each request is a new connection.
      const seen = [];
      for (let i = 0; i < 3; i += 1) seen.push(await whoami(runtime, tls12.url('/close')));
      assert.ok(seen.every((s) => s.cn === CN_A), JSON.stringify(seen));
      assert.equal(seen.slice(1).some((s) => s.reused), resumes, JSON.stringify(seen.map((s) => s.reused)));
    }
  });
});

describe('lenient-base64', () => {
  test('stray characters are skipped as android.util.Base64 skips them; the reference refuses them', () => {
    const text = kit.p12A.toString('base64');
    const noisy = `${text.slice(0, 40)}!*\n ${text.slice(40)}`;
    assert.equal(androidBase64(noisy), text);
    assert.equal(call(launch(lenientBase64), { cert: noisy, pass: PASS_A }), true);
    assert.equal(call(launch(reference), { cert: noisy, pass: PASS_A }), false);
    assert.equal(call(launch(lenientBase64), { cert: '%%% not base64 %%%', pass: PASS_A }), false, 'no reading of it is a PKCS#12');
  });
});

describe('pass-optional', () => {
  test('a missing pass is read as "" (here a wrong password: false); the reference throws 100', () => {
    assert.equal(call(launch(passOptional), { cert: kit.p12A }), false);
    assert.throws(() => call(launch(reference), { cert: kit.p12A }), { errorCode: 100 });
    assert.throws(() => call(launch(passOptional), { cert: kit.p12A, pass: 5 }), { errorCode: 100 }, 'a wrong type is still 100');
  });
});

describe('ios-unencrypted-refused', () => {
  test('an unencrypted PKCS#12 is refused on iOS only; encrypted files load', async () => {
    const clear = await kit.fixtures.pki.pkcs12({ identity: kit.fixtures.clientRsaA, password: '', mode: 'noenc-nomac' });
    assert.equal(isUnencryptedPkcs12(clear), true);
    assert.equal(isUnencryptedPkcs12(kit.p12A), false);
    assert.equal(isUnencryptedPkcs12(kit.p12B), false);
    assert.equal(call(launch(iosUnencryptedRefused, 'ios'), { cert: clear, pass: '' }), false);
    const ios = launch(iosUnencryptedRefused, 'ios');
    assert.equal(call(ios, { cert: ios.convertToRawBytes(clear.toString('base64')), pass: '' }), false, 'as the platform\'s RawBytes too');
    assert.equal(call(launch(iosUnencryptedRefused, 'android'), { cert: clear, pass: '' }), true);
    assert.equal(call(launch(reference, 'ios'), { cert: clear, pass: '' }), true);
    assert.equal(call(launch(iosUnencryptedRefused, 'ios'), { cert: kit.p12A, pass: PASS_A }), true);
  });
});

describe('sparse-callbacks', () => {
  test('no LOADING from HttpRequest, no 200 from the invoker, opstatus 1 for a failure', async () => {
    const runtime = launch(sparseCallbacks);
    const done = await httpRequest(runtime, judge.url());
    assert.ok(!done.states.includes(3) && done.states.at(-1) === 4, JSON.stringify(done.states));
    const ok = await invoke(runtime, judge.url());
    assert.deepEqual(ok.statuses, [100, 400]);
    const refused = await invoke(runtime, 'https://127.0.0.1:9/');
    assert.deepEqual([refused.result?.opstatus, refused.result?.errcode], [1, 1016]);
  });
});

describe('auth-refusal-1200', () => {
  test('a refusal sent as HTTP 400 is errcode 1200 with responsecode 400; the reference says 1012', async () => {
    for (const [factory, errcode] of [[authRefusal1200, 1200], [reference, 1012]] as const) {
      const outcome = await invoke(launch(factory), judge.url('/status/400'));
      assert.deepEqual([outcome.result?.errcode, outcome.result?.httpresponse?.responsecode], [errcode, 400]);
    }
  });
});

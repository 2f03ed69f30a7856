/**
 * Each broken runtime shows its one defect against a real node:https judge on 127.0.0.1,
 * next to the behaviour it keeps from the reference. (The suite-level proof is harness/teeth/teeth.test.ts.)
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createRuntime as reference } from '../../reference/index.js';
import type { JudgeServer, Seen } from '../../reference/net/testing/judge-server.js';
import type { Platform, RuntimeFactory, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { CN_A, CN_B, PASS_A, PASS_B, createKit, whoami, type Kit } from '../../reference/runtime/testing/runtime-kit.js';
import { createRuntime as alwaysSends } from './always-sends.js';
import { createRuntime as base64Rejected } from './base64-rejected.js';
import { WrongPasswordThrownError } from './errors.js';
import { createRuntime as failedLoadClears } from './failed-load-clears.js';
import { createRuntime as noErrorCodes } from './no-error-codes.js';
import { createRuntime as rawbytesKept } from './rawbytes-kept.js';
import { createRuntime as replaceIgnored } from './replace-ignored.js';
import { createRuntime as staleConnections } from './stale-connections.js';
import { createRuntime as staleSessions } from './stale-sessions.js';
import { createRuntime as survivesRestart } from './survives-restart.js';
import { createRuntime as throwsOnBadPassword } from './throws-on-bad-password.js';
import { createRuntime as tls13NeverPresents } from './tls13-never-presents.js';
import { createRuntime as tls12NeverPresents } from './tls12-never-presents.js';
import { createRuntime as httpRequestNeverPresents } from './http-request-never-presents.js';
import { createRuntime as lateLoads, lateLoadsApplied } from './late-loads.js';
import { httpRequest, invoke } from '../../reference/runtime/testing/runtime-kit.js';
import { createRuntime as httpRequestHangs } from './http-request-hangs.js';
import { createRuntime as invokeNeverCallsBack } from './invoke-never-calls-back.js';
import { createRuntime as redirectHopNeverPresents } from './redirect-hop-never-presents.js';
import { createRuntime as loadAbortsInFlight } from './load-aborts-in-flight.js';
import { createRuntime as removeAbortsInFlight } from './remove-aborts-in-flight.js';
import { createRuntime as idleCloseForgets } from './idle-close-forgets.js';

let kit: Kit;
let judge: JudgeServer;
let sandboxes: string;
const launched: VoltmxRuntime[] = [];

before(async () => {
  kit = await createKit(reference);
  judge = await kit.judge();
  sandboxes = await mkdtemp(join(tmpdir(), 'voltmx-broken-'));
});
after(async () => {
  await Promise.all(launched.map((r) => r.shutdown()));
  await kit.dispose();
  await rm(sandboxes, { recursive: true, force: true });
});

function launch(factory: RuntimeFactory, platform: Platform = 'android', filesDir?: string): VoltmxRuntime {
  const runtime = factory({ platform, trust: { ca: [kit.fixtures.caA.certPem] }, ...(filesDir ? { filesDir } : {}) });
  launched.push(runtime);
  return runtime;
}

/** The file as RawBytes, made as a Volt MX app makes them. */
const raw = (r: VoltmxRuntime, bytes: Buffer) => r.convertToRawBytes(bytes.toString('base64'));
const loadA = (r: VoltmxRuntime, pass = PASS_A) => r.net.loadClientCertificate({ cert: raw(r, kit.p12A), pass });
const loadB = (r: VoltmxRuntime, pass = PASS_B) => r.net.loadClientCertificate({ cert: raw(r, kit.p12B), pass });
const call = (r: VoltmxRuntime, ...args: unknown[]) => (r.net.loadClientCertificate as (...a: unknown[]) => boolean)(...args);

describe('replace-ignored', () => {
  test('a second load returns true, yet the server keeps seeing the first identity', async () => {
    const runtime = launch(replaceIgnored);
    assert.equal(loadA(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
    assert.equal(loadB(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A, 'the defect: the replacement is ignored');
  });

  test('it still answers loads truthfully: a wrong password is false, with its reason', () => {
    const runtime = launch(replaceIgnored);
    assert.equal(loadA(runtime), true);
    assert.equal(loadB(runtime, 'wrong'), false);
    assert.equal(runtime.lastLoadFailure?.()?.code, 'PKCS12_BAD_PASSWORD');
  });
});

describe('failed-load-clears', () => {
  for (const platform of ['android', 'ios'] as const) {
    test(`${platform}: a failed load returns false and the certificate in force is gone`, async () => {
      const runtime = launch(failedLoadClears, platform);
      assert.equal(loadA(runtime), true);
      assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
      assert.equal(loadB(runtime, 'wrong'), false);
      assert.equal(runtime.lastLoadFailure?.()?.code, 'PKCS12_BAD_PASSWORD');
      assert.equal((await whoami(runtime, judge.url())).cn, null, 'the defect: the old certificate was dropped');
      assert.equal(loadB(runtime), true, 'a later good load works');
      assert.equal((await whoami(runtime, judge.url())).cn, CN_B);
    });
  }
});

describe('always-sends', () => {
  test('android: a server advertising only root B gets the root-A identity anyway; the reference sends none', async () => {
    const onlyB = await kit.judge({ clientCas: [kit.fixtures.caB.certPem] });
    const broken = launch(alwaysSends);
    const conforming = launch(reference);
    assert.equal(loadA(broken), true);
    assert.equal(loadA(conforming), true);
    assert.equal((await whoami(conforming, onlyB.url())).cn, null, 'precondition: Android selection withholds it');
    assert.equal((await whoami(broken, onlyB.url())).cn, CN_A, 'the defect: no selection by CA');
    assert.equal((await whoami(broken, judge.url())).cn, CN_A, 'a fitting server still gets it');
  });
});

describe('survives-restart', () => {
  test('the certificate of the last launch is in force in the next launch of the same app', async () => {
    const sandbox = await mkdtemp(join(sandboxes, 'app-'));
    const first = launch(survivesRestart, 'android', sandbox);
    assert.equal(loadA(first), true);
    await first.shutdown();
    const second = launch(survivesRestart, 'android', sandbox);
    assert.equal((await whoami(second, judge.url())).cn, CN_A, 'the defect: the certificate survived the restart');
  });

  test('another app (sandbox) starts clean, and removal (Android) ends the carrying', async () => {
    const sandbox = await mkdtemp(join(sandboxes, 'app-'));
    const other = launch(survivesRestart, 'android', await mkdtemp(join(sandboxes, 'other-')));
    const first = launch(survivesRestart, 'android', sandbox);
    assert.equal(loadA(first), true);
    assert.equal((await whoami(other, judge.url())).cn, null);
    first.net.removeClientCertificate();
    await first.shutdown();
    assert.equal((await whoami(launch(survivesRestart, 'android', sandbox), judge.url())).cn, null);
  });
});

describe('throws-on-bad-password', () => {
  test('a wrong password throws (no errorCode) instead of returning false; other bad input is still false', async () => {
    const runtime = launch(throwsOnBadPassword, 'ios');
    assert.throws(() => loadA(runtime, 'wrong'), (error: unknown) =>
      error instanceof WrongPasswordThrownError && error.code === 'BROKEN_WRONG_PASSWORD_THROWN' && !('errorCode' in error));
    assert.equal(runtime.net.loadClientCertificate({ cert: raw(runtime, kit.p12A.subarray(0, 40)), pass: PASS_A }), false);
    assert.equal(loadA(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });
});

describe('stale-connections', () => {
  test('after a replacement the pooled connection of the old identity is reused; new connections present the new one', async () => {
    const runtime = launch(staleConnections);
    assert.equal(loadA(runtime), true);
    const first = await whoami(runtime, judge.url());
    assert.equal(first.cn, CN_A);
    assert.equal(loadB(runtime), true);
    const next = await whoami(runtime, judge.url());
    assert.equal(next.connection, first.connection, 'the defect: the old connection is reused');
    assert.equal(next.cn, CN_A);
    const elsewhere = await kit.judge();
    assert.equal((await whoami(runtime, elsewhere.url())).cn, CN_B);
  });

  test('shutdown closes the pool', async () => {
    const runtime = launch(staleConnections);
    loadA(runtime);
    const seen = await whoami(runtime, judge.url());
    assert.ok(judge.isOpen(seen.connection));
    await runtime.shutdown();
    await judge.waitClosed(seen.connection);
  });
});

describe('stale-sessions', () => {
  for (const variant of [{ name: 'TLS 1.3 tickets', tls12SessionCache: false }, { name: 'TLS 1.2 session IDs', tls12SessionCache: true }]) {
    test(`ios (${variant.name}): after a replacement the old identity's session is resumed`, async () => {
      const resuming = await kit.judge({ tls12SessionCache: variant.tls12SessionCache });
      const runtime = launch(staleSessions, 'ios');
      assert.equal(loadA(runtime), true);
      const first = await whoami(runtime, resuming.url('/close'));
      assert.equal(first.cn, CN_A);
      await resuming.waitClosed(first.connection);
      assert.equal(loadB(runtime), true);
      const next = await whoami(runtime, resuming.url());
      assert.equal(next.reused, true, 'the defect: the session was resumed');
      assert.equal(next.cn, CN_A);
    });
  }
});

describe('base64-rejected', () => {
  test('a base64 string returns false; the same file as RawBytes loads; types are still checked (100)', async () => {
    const runtime = launch(base64Rejected);
    assert.equal(runtime.net.loadClientCertificate({ cert: kit.p12A.toString('base64'), pass: PASS_A }), false);
    assert.equal(runtime.lastLoadFailure?.()?.code, 'BROKEN_BASE64_REJECTED');
    assert.throws(() => call(runtime, { cert: 'AAAA', pass: 5 }), { errorCode: 100 });
    assert.equal(loadA(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });
});

describe('rawbytes-kept', () => {
  test('clearing the RawBytes after the load leaves no certificate; a base64 load or RawBytes left alone stay in force', async () => {
    const runtime = launch(rawbytesKept);
    const cert = raw(runtime, kit.p12A);
    assert.equal(runtime.net.loadClientCertificate({ cert, pass: PASS_A }), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
    cert.clear();
    assert.equal((await whoami(runtime, judge.url())).cn, null, 'the defect: cleared RawBytes, nothing presented');
    assert.equal(runtime.net.loadClientCertificate({ cert: kit.p12B.toString('base64'), pass: PASS_B }), true);
    assert.equal((await invoke(runtime, judge.url())).result?.cn, CN_B);
  });
});

describe('no-error-codes', () => {
  test('no argument or two arguments return false instead of throwing 101; a wrong type still throws 100', () => {
    const runtime = launch(noErrorCodes);
    assert.equal(call(runtime), false);
    assert.equal(call(runtime, { cert: kit.p12A, pass: PASS_A }, {}), false);
    assert.throws(() => call(runtime, { cert: 5, pass: PASS_A }), { errorCode: 100 });
    assert.equal(loadA(runtime), true);
  });
});

describe('tls13-never-presents', () => {
  test('a TLS 1.3 server sees no certificate; a TLS 1.2 server sees the loaded one', async () => {
    const tls12 = await kit.judge({ tls12SessionCache: true });
    const runtime = launch(tls13NeverPresents);
    assert.equal(loadA(runtime), true);
    const over13 = await whoami(runtime, judge.url());
    assert.equal(over13.protocol, 'TLSv1.3');
    assert.equal(over13.cn, null, 'the defect: nothing over TLS 1.3');
    const over12 = await whoami(runtime, tls12.url());
    assert.equal(over12.protocol, 'TLSv1.2');
    assert.equal(over12.cn, CN_A);
  });
});

describe('tls12-never-presents', () => {
  test('a TLS 1.2 server sees no certificate; a TLS 1.3 server sees the loaded one', async () => {
    const tls12 = await kit.judge({ tls12SessionCache: true });
    const runtime = launch(tls12NeverPresents);
    assert.equal(loadA(runtime), true);
    const over12 = await whoami(runtime, tls12.url());
    assert.equal(over12.protocol, 'TLSv1.2');
    assert.equal(over12.cn, null, 'the defect: nothing over TLS 1.2');
    const over13 = await whoami(runtime, judge.url());
    assert.equal(over13.protocol, 'TLSv1.3');
    assert.equal(over13.cn, CN_A);
  });
});

describe('http-request-never-presents', () => {
  test('HttpRequest presents nothing; the service invoker presents the loaded identity', async () => {
    const runtime = launch(httpRequestNeverPresents);
    assert.equal(loadA(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, null, 'the defect');
    const invoked = await invoke(runtime, judge.url());
    assert.equal((invoked.result as { cn?: string } | null)?.cn, CN_A, JSON.stringify(invoked.result));
  });
});

describe('late-loads', () => {
  test('a load returns true at once, but only a request made LATE_MS later presents it', async () => {
    const runtime = launch(lateLoads);
    assert.equal(loadA(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, null, 'the defect: not yet in force');
    await lateLoadsApplied(runtime); // the load's LATE_MS timer has run: it is in force now
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });

  test('it still answers loads truthfully: a wrong password is false, with its reason', () => {
    const runtime = launch(lateLoads);
    assert.equal(loadA(runtime, 'wrong'), false);
    assert.equal(runtime.lastLoadFailure?.()?.code, 'PKCS12_BAD_PASSWORD');
  });
});

describe('http-request-hangs and invoke-never-calls-back', () => {
  test('http-request-hangs: with a certificate loaded, an HttpRequest to a server that asks never answers (only its own timeout ends it); the invoker presents', async () => {
    const runtime = launch(httpRequestHangs);
    assert.equal((await whoami(runtime, judge.url())).cn, null, 'nothing loaded: answered as usual');
    assert.equal(loadA(runtime), true);
    const hung = await httpRequest(runtime, judge.url(), { timeout: 400 });
    assert.deepEqual([hung.status, hung.statusText], [0, 'NET_TIMEOUT'], 'the defect: no answer, ever');
    assert.equal(((await invoke(runtime, judge.url('/status/200'))).result as { cn?: string }).cn, CN_A);
  });

  test('invoke-never-calls-back: with a certificate loaded, the invoker never gets past 100 (only its own timeout ends it); HttpRequest presents', async () => {
    const runtime = launch(invokeNeverCallsBack);
    assert.equal(loadA(runtime), true);
    const hung = await invoke(runtime, judge.url('/service'), { httpconfig: { timeout: 0.4 } });
    assert.deepEqual(hung.statuses, [100, 400]);
    assert.equal(hung.result?.opstatus, 1014, 'the defect: timed out, never answered');
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });
});

describe('redirect-hop-never-presents', () => {
  test('a redirect hop presents nothing; a direct request presents the loaded identity', async () => {
    const runtime = launch(redirectHopNeverPresents);
    assert.equal(loadA(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
    assert.equal((await whoami(runtime, judge.url(`/redirect/302?to=${encodeURIComponent(judge.url())}`))).cn, null, 'the defect');
    assert.equal((await whoami(launch(reference), judge.url('/redirect/302?to=/whoami'))).cn, null, 'the reference without a load: nothing either');
  });
});

describe('load-aborts-in-flight and remove-aborts-in-flight', () => {
  test('load-aborts-in-flight: a load aborts a request in flight; later requests present the new identity', async () => {
    const runtime = launch(loadAbortsInFlight);
    assert.equal(loadA(runtime), true);
    const inFlight = httpRequest(runtime, judge.url('/slow?ms=400'), { responseType: 'json' });
    const invoked = invoke(runtime, judge.url('/slow?ms=400'));
    assert.equal(loadB(runtime), true);
    assert.deepEqual([(await inFlight).status, (await inFlight).statusText], [0, 'NET_ABORTED'], 'the defect');
    assert.equal((await invoked).statuses.at(-1), 300, 'the defect: cancelled');
    assert.ok(!(await invoked).statuses.includes(400));
    assert.equal((await whoami(runtime, judge.url())).cn, CN_B);
  });

  test('remove-aborts-in-flight: on Android a removal aborts a request in flight; a load does not', async () => {
    const runtime = launch(removeAbortsInFlight);
    assert.equal(loadA(runtime), true);
    const survives = httpRequest(runtime, judge.url('/slow?ms=200'), { responseType: 'json' });
    assert.equal(loadB(runtime), true);
    assert.equal(((await survives).response as Seen).cn, CN_A, 'a load keeps the reference behaviour');
    const inFlight = httpRequest(runtime, judge.url('/slow?ms=400'));
    runtime.net.removeClientCertificate();
    assert.deepEqual([(await inFlight).status, (await inFlight).statusText], [0, 'NET_ABORTED'], 'the defect');
  });
});

describe('idle-close-forgets', () => {
  test('when the server closes a pooled idle connection, later connections present nothing until the next load', async () => {
    const runtime = launch(idleCloseForgets);
    assert.equal(loadA(runtime), true);
    const first = await whoami(runtime, judge.url());
    assert.equal(first.cn, CN_A);
    judge.endConnections();
    await judge.waitClosed(first.connection);
    const after = await whoami(runtime, judge.url());
    assert.notEqual(after.connection, first.connection);
    assert.equal(after.cn, null, 'the defect: forgotten');
    assert.equal(loadA(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A, 'a new load brings it back');
  });
});


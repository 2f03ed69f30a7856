import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import https, { Agent } from 'node:https';
import { CN_A, CN_B, PASS_A, PASS_B, createKit, httpRequest, invoke, whoami, type Kit } from './testing/runtime-kit.js';
import { createRuntime } from './create-runtime.js';
import { createTimer } from './timer.js';
import type { ReferenceRuntime } from './reference-runtime.js';
import { isReferenceRawBytes } from '../raw-bytes/raw-bytes.js';
import type { JudgeServer, Seen } from '../net/testing/judge-server.js';
import { nextEvent, untilEvent } from '../testing/until-event.js';

let kit: Kit;
let judge: JudgeServer;

before(async () => {
  kit = await createKit(createRuntime);
  judge = await kit.judge();
});
after(() => kit.dispose());

const loadA = (r: ReferenceRuntime) => r.net.loadClientCertificate({ cert: kit.p12A, pass: PASS_A });
const loadB = (r: ReferenceRuntime) => r.net.loadClientCertificate({ cert: kit.p12B, pass: PASS_B });

/** Precondition: a plain keep-session client does get its session resumed by this server. */
async function assertServerResumes(server: JudgeServer): Promise<void> {
  const agent = new Agent({ ca: [kit.fixtures.caA.certPem], key: kit.fixtures.clientRsaA.keyPem, cert: kit.fixtures.clientRsaA.certPem });
  const get = () => new Promise<Seen>((resolve, reject) => {
    https.get(server.url('/close'), { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Seen));
    }).on('error', reject);
  });
  try {
    const first = await get();
    await server.waitClosed(first.connection);
    const second = await get();
    assert.equal(second.reused, true, 'precondition: the server resumes sessions');
    assert.equal(second.cn, CN_A, 'precondition: a resumed session keeps the old identity');
  } finally {
    agent.destroy();
  }
}

describe('one app launch', () => {
  test('starts with no certificate; a load presents it to a server that asks', async () => {
    const runtime = kit.runtime();
    assert.equal((await whoami(runtime, judge.url())).cn, null);
    assert.equal(loadA(runtime), true);
    assert.equal(runtime.lastLoadFailure?.(), null);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });

  test('both request APIs present the same identity', async () => {
    const runtime = kit.runtime();
    assert.equal(loadB(runtime), true);
    const viaInvoke = await invoke(runtime, judge.url(), { httpconfig: { method: 'get' } });
    assert.equal(viaInvoke.result?.opstatus, 0);
    assert.equal(viaInvoke.result?.cn, CN_B);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_B);
  });

  test('a server that does not ask gets no certificate', async () => {
    const quiet = await kit.judge({ requestCert: false });
    const runtime = kit.runtime();
    assert.equal(loadA(runtime), true);
    assert.equal((await whoami(runtime, quiet.url())).cn, null);
  });

  test('launches are independent: a new launch starts without the other launch\'s certificate', async () => {
    const first = kit.runtime();
    assert.equal(loadA(first), true);
    const second = kit.runtime('ios');
    assert.equal((await whoami(second, judge.url())).cn, null);
  });
});

describe('replacement', () => {
  test('while a keep-alive connection is open: the next request comes on a new connection with the new identity', async () => {
    const runtime = kit.runtime();
    loadA(runtime);
    const first = await whoami(runtime, judge.url());
    const again = await whoami(runtime, judge.url());
    assert.equal(again.connection, first.connection, 'precondition: the agent keeps connections alive');
    assert.ok(judge.isOpen(first.connection));
    assert.equal(loadB(runtime), true);
    const next = await whoami(runtime, judge.url());
    assert.equal(next.cn, CN_B);
    assert.notEqual(next.connection, first.connection);
    assert.equal(next.reused, false);
    await judge.waitClosed(first.connection); // the retired agent closed its idle socket
  });

  for (const variant of [{ name: 'TLS 1.3 session tickets', tls12SessionCache: false }, { name: 'TLS 1.2 session-ID cache', tls12SessionCache: true }]) {
    test(`against a server that would resume the old session (${variant.name}): no resumption, new identity`, async () => {
      const resuming = await kit.judge({ tls12SessionCache: variant.tls12SessionCache });
      await assertServerResumes(resuming);
      const runtime = kit.runtime();
      loadA(runtime);
      const first = await whoami(runtime, resuming.url('/close'));
      assert.equal(first.cn, CN_A);
      assert.equal(first.protocol, variant.tls12SessionCache ? 'TLSv1.2' : 'TLSv1.3');
      await resuming.waitClosed(first.connection);
      assert.equal(loadB(runtime), true);
      const next = await whoami(runtime, resuming.url());
      assert.equal(next.reused, false);
      assert.equal(next.cn, CN_B);
    });
  }

  test('many concurrent requests across replacements: each sees the identity in force when it started', async () => {
    const runtime = kit.runtime();
    const expected: (string | null)[] = [];
    const pending: Promise<Seen>[] = [];
    let current: string | null = null;
    for (let round = 0; round < 6; round++) {
      const arrivedBefore = judge.seen.length;
      for (let i = 0; i < 8; i++) {
        expected.push(current);
        pending.push(whoami(runtime, judge.url(`/slow?ms=${20 + ((i * 37) % 60)}`)));
      }
      if (round % 3 === 2) {
        runtime.net.removeClientCertificate();
        current = null;
      } else {
        const loaded = round % 2 === 0 ? loadA(runtime) : loadB(runtime);
        assert.equal(loaded, true);
        current = round % 2 === 0 ? CN_A : CN_B;
      }
      // Until one of this round's requests is at the server: some are mid-response, some may be mid-handshake.
      await untilEvent(judge, 'request', () => judge.seen.length > arrivedBefore, { what: `a request of round ${round} at the server` });
    }
    const seen = await Promise.all(pending);
    assert.deepEqual(seen.map((s) => s.cn), expected);
  });

  test('a failed load leaves the previous certificate in force', async () => {
    const runtime = kit.runtime();
    loadA(runtime);
    const before = await whoami(runtime, judge.url());
    assert.equal(runtime.net.loadClientCertificate({ cert: kit.p12B, pass: 'wrong' }), false);
    assert.equal(runtime.lastLoadFailure?.()?.code, 'PKCS12_BAD_PASSWORD');
    assert.equal(runtime.net.loadClientCertificate({ cert: 'not base64!', pass: '' }), false);
    assert.equal(runtime.lastLoadFailure?.()?.code, 'CERT_BAD_BASE64');
    assert.equal(runtime.net.loadClientCertificate({ cert: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x03]), pass: '' }), false);
    assert.match(runtime.lastLoadFailure?.()?.code ?? '', /^PKCS12_/);
    const after = await whoami(runtime, judge.url());
    assert.equal(after.cn, CN_A);
    assert.equal(after.connection, before.connection, 'a failed load does not even drop the pooled connection');
    assert.equal(loadB(runtime), true);
    assert.equal(runtime.lastLoadFailure?.(), null);
  });
});

describe('load forms', () => {
  test('RawBytes; Buffer, Uint8Array and ArrayBuffer (D1); base64 padded, unpadded, wrapped', async () => {
    const runtime = kit.runtime();
    const b64 = kit.p12A.toString('base64');
    const forms: unknown[] = [
      runtime.convertToRawBytes(b64), kit.p12A, new Uint8Array(kit.p12A), kit.p12A.buffer.slice(kit.p12A.byteOffset, kit.p12A.byteOffset + kit.p12A.length),
      b64, b64.replace(/=+$/, ''), b64.replace(/(.{64})/g, '$1\n'), b64.replace(/(.{76})/g, '$1\r\n'),
    ];
    for (const cert of forms) {
      runtime.net.removeClientCertificate();
      assert.equal(runtime.net.loadClientCertificate({ cert, pass: PASS_A } as never), true);
      assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
    }
  });

  test('bytes read from the sandbox with voltmx.io load', async () => {
    const runtime = kit.runtime();
    const file = runtime.io.FileSystem.getFile('certs/client-a.p12');
    assert.equal(file.write(runtime.convertToRawBytes(kit.p12A.toString('base64'))), true);
    const read = new runtime.io.File(`${runtime.io.FileSystem.getDataDirectoryPath()}/certs/client-a.p12`).read();
    assert.ok(read);
    assert.equal(runtime.net.loadClientCertificate({ cert: read, pass: PASS_A }), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });

  test('bytes downloaded with HttpRequest (responseType rawdata, and chosen by content type) load', async () => {
    judge.serve('/client-b.p12', kit.p12B);
    const runtime = kit.runtime();
    for (const responseType of ['rawdata', undefined]) {
      const download = await httpRequest(runtime, judge.url('/client-b.p12'), responseType ? { responseType } : {});
      assert.ok(isReferenceRawBytes(download.response));
      runtime.net.removeClientCertificate();
      assert.equal(runtime.net.loadClientCertificate({ cert: download.response, pass: PASS_B }), true);
      assert.equal((await whoami(runtime, judge.url())).cn, CN_B);
    }
  });

  test('clearing the RawBytes right after the load changes nothing presented; a cleared RawBytes loads nothing', async () => {
    const runtime = kit.runtime();
    const raw = runtime.convertToRawBytes(kit.p12A.toString('base64'));
    assert.equal(runtime.net.loadClientCertificate({ cert: raw, pass: PASS_A }), true);
    raw.clear();
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
    assert.equal(runtime.net.loadClientCertificate({ cert: raw, pass: PASS_A }), false);
    assert.equal(runtime.lastLoadFailure?.()?.code, 'CERT_EMPTY');
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });

  test('URL-safe base64, data: URIs and PEM armour return false with CERT_BAD_BASE64', () => {
    const runtime = kit.runtime();
    const b64 = kit.p12A.toString('base64');
    for (const cert of [kit.p12A.toString('base64url') + (/[-_]/.test(kit.p12A.toString('base64url')) ? '' : '-'),
      `data:application/x-pkcs12;base64,${b64}`, `-----BEGIN PKCS12-----\n${b64}\n-----END PKCS12-----`]) {
      assert.equal(runtime.net.loadClientCertificate({ cert, pass: PASS_A }), false);
      assert.equal(runtime.lastLoadFailure?.()?.code, 'CERT_BAD_BASE64');
    }
  });

  test('wrong types throw 100, wrong argument counts throw 101, and change nothing', async () => {
    const runtime = kit.runtime();
    loadA(runtime);
    const load = runtime.net.loadClientCertificate as (...a: unknown[]) => boolean;
    assert.throws(() => load(), { errorCode: 101 });
    assert.throws(() => load({ cert: kit.p12B, pass: PASS_B }, 1), { errorCode: 101 });
    assert.throws(() => load(kit.p12B), { errorCode: 100 });
    assert.throws(() => load({ cert: 5, pass: PASS_B }), { errorCode: 100 });
    assert.throws(() => load({ cert: kit.p12B }), { errorCode: 100 });
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });
});

describe('removeClientCertificate', () => {
  test('android: back to no certificate, on a new connection; 101 with arguments', async () => {
    const runtime = kit.runtime('android');
    loadA(runtime);
    const withA = await whoami(runtime, judge.url());
    assert.throws(() => (runtime.net.removeClientCertificate as (...a: unknown[]) => void)(1), { errorCode: 101 });
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
    runtime.net.removeClientCertificate();
    const without = await whoami(runtime, judge.url());
    assert.equal(without.cn, null);
    assert.notEqual(without.connection, withA.connection);
    assert.equal(loadB(runtime), true);
    assert.equal((await whoami(runtime, judge.url())).cn, CN_B);
  });

  test('ios: documented Android-only, so a no-op: the certificate stays in force', async () => {
    const runtime = kit.runtime('ios');
    loadA(runtime);
    runtime.net.removeClientCertificate();
    assert.equal((await whoami(runtime, judge.url())).cn, CN_A);
  });
});

describe('TLS failures', () => {
  test('a server that requires a certificate refuses the handshake without one: status 0 / 1200; with one: 200', async () => {
    const strict = await kit.judge({ requireCertificate: true });
    const runtime = kit.runtime();
    const refused = await httpRequest(runtime, strict.url());
    assert.equal(refused.status, 0);
    assert.deepEqual(refused.states, [1, 4]);
    assert.equal(refused.statusText, 'NET_TLS_HANDSHAKE_FAILED');
    const viaInvoke = await invoke(runtime, strict.url());
    assert.equal(viaInvoke.result?.errcode, 1200);
    assert.equal(viaInvoke.result?.opstatus, 1200);
    loadA(runtime);
    assert.equal((await whoami(runtime, strict.url())).cn, CN_A);
  });

  for (const platform of ['android', 'ios'] as const) {
    test(`${platform}: a server that refuses the presented certificate at the TLS level: 1200 from both APIs`, async () => {
      const onlyA = await kit.judge({ requireCertificate: true, clientCas: [kit.fixtures.caA.certPem] });
      const runtime = kit.runtime(platform);
      assert.equal(loadB(runtime), true); // B is issued by CA B, which this server does not trust
      const refused = await httpRequest(runtime, onlyA.url());
      assert.equal(refused.status, 0);
      // Android sends nothing (CA B not advertised): OpenSSL's alert. iOS sends B: TLS 1.3 lets the
      // client finish first, then Node's server drops the connection without an alert.
      assert.equal(refused.statusText, platform === 'android' ? 'NET_TLS_HANDSHAKE_FAILED' : 'NET_TLS_CLOSED_AFTER_HANDSHAKE');
      const viaInvoke = (await invoke(runtime, onlyA.url())).result;
      assert.equal(viaInvoke?.errcode, 1200);
      assert.equal(viaInvoke?.httpresponse, undefined);
      assert.equal(onlyA.seen.length, 0, 'no request got through');
    });
  }

  test('an untrusted server certificate: NET_TLS_SERVER_UNTRUSTED / 1200', async () => {
    const runtime = createRuntime({ platform: 'android', trust: { ca: [kit.fixtures.caB.certPem] } });
    try {
      const outcome = await httpRequest(runtime, judge.url());
      assert.equal(outcome.status, 0);
      assert.equal(outcome.statusText, 'NET_TLS_SERVER_UNTRUSTED');
      assert.equal((await invoke(runtime, judge.url())).result?.errcode, 1200);
    } finally {
      await runtime.shutdown();
    }
  });
});

describe('shutdown', () => {
  test('os.deviceInfo names the platform as Volt MX does; the version is the option or a default', () => {
    assert.deepEqual(kit.runtime('android').os.deviceInfo(), { name: 'android', version: '14' });
    assert.deepEqual(kit.runtime('ios').os.deviceInfo(), { name: 'iPhone', version: '17.4' });
    const runtime = createRuntime({ platform: 'ios', trust: { ca: [] }, osVersion: '16.0' });
    assert.equal(runtime.os.deviceInfo().version, '16.0');
    return runtime.shutdown();
  });

  test('shutdown cancels the launch\'s timers', async () => {
    const runtime = kit.runtime();
    const log: string[] = [];
    runtime.timer.schedule('pending', () => log.push('pending'), 0.02, false);
    await runtime.shutdown();
    // A later timer of the same clock: once it has run, the cancelled one was due and did not run.
    await new Promise<void>((resolve) => createTimer().schedule('witness', () => resolve(), 0.06, false));
    assert.deepEqual(log, []);
  });

  test('ends requests in flight, closes pooled connections, refuses new work, removes its own sandbox', async () => {
    const runtime = kit.runtime();
    loadA(runtime);
    const pooled = await whoami(runtime, judge.url());
    const sandbox = runtime.io.FileSystem.getDataDirectoryPath();
    assert.ok(existsSync(sandbox));
    const arrived = nextEvent(judge, 'request', { what: 'the slow request at the server' });
    const inFlight = httpRequest(runtime, judge.url('/slow?ms=60000'));
    await arrived;
    await runtime.shutdown();
    const ended = await inFlight;
    assert.equal(ended.status, 0);
    assert.equal(ended.statusText, 'NET_RUNTIME_SHUT_DOWN');
    await judge.waitClosed(pooled.connection);
    assert.equal(existsSync(sandbox), false);
    const late = await httpRequest(runtime, judge.url());
    assert.equal(late.statusText, 'NET_RUNTIME_SHUT_DOWN');
    assert.equal(loadB(runtime), false);
    assert.equal(runtime.lastLoadFailure?.()?.code, 'RUNTIME_SHUT_DOWN');
    await runtime.shutdown(); // idempotent
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { PASS_A, createKit, invoke, type Kit } from '../runtime/testing/runtime-kit.js';
import { createRuntime } from '../runtime/create-runtime.js';
import type { ReferenceRuntime } from '../runtime/reference-runtime.js';
import type { JudgeServer } from './testing/judge-server.js';
import { nextEvent } from '../testing/until-event.js';
import { StallingServer } from './testing/stalling-server.js';

let kit: Kit;
let judge: JudgeServer;
let runtime: ReferenceRuntime;

before(async () => {
  kit = await createKit(createRuntime);
  judge = await kit.judge();
  runtime = kit.runtime();
});
after(() => kit.dispose());

describe('invokeServiceAsync', () => {
  test('success: statuses 100, 200, 400; opstatus 0; the JSON body merged; httpresponse', async () => {
    const { statuses, result } = await invoke(runtime, judge.url(), { a: '1', n: 2 });
    assert.deepEqual(statuses, [100, 200, 400]);
    assert.equal(result?.opstatus, 0);
    assert.equal(result?.errcode, undefined);
    assert.equal(result?.method, 'POST', 'POST is the default');
    assert.equal(result?.body, 'a=1&n=2');
    assert.match(String((result?.headers as Record<string, string>)['content-type']), /^application\/x-www-form-urlencoded/);
    assert.equal(result?.httpresponse?.responsecode, 200);
    assert.equal(result?.httpresponse?.url, judge.url());
    assert.equal(result?.httpresponse?.headers['content-type'], 'application/json');
  });

  test('httpconfig.method get puts params in the query; httpheaders are sent', async () => {
    const { result } = await invoke(runtime, judge.url(), {
      q: 'x y', httpconfig: { method: 'GET' }, httpheaders: { 'X-Token': 't' },
    });
    assert.equal(result?.method, 'GET');
    assert.equal(result?.url, '/whoami?q=x+y');
    assert.equal((result?.headers as Record<string, string>)['x-token'], 't');
  });

  test('a service opstatus in the body is kept', async () => {
    const { result } = await invoke(runtime, judge.url('/service?opstatus=8009'));
    assert.equal(result?.opstatus, 8009);
    assert.equal(result?.data, 'service');
    assert.equal((await invoke(runtime, judge.url('/status/200'))).result?.opstatus, 0);
  });

  test('non-2xx: 1012 with httpresponse; 2xx that is not a JSON object: 1013', async () => {
    const failed = (await invoke(runtime, judge.url('/status/500'))).result;
    assert.equal(failed?.opstatus, 1012);
    assert.equal(failed?.errcode, 1012);
    assert.equal(failed?.httpresponse?.responsecode, 500);
    assert.equal(typeof failed?.errmsg, 'string');
    for (const path of ['/not-json', '/text']) {
      const bad = (await invoke(runtime, judge.url(path))).result;
      assert.equal(bad?.errcode, 1013);
      assert.equal(bad?.httpresponse?.responsecode, 200);
    }
  });

  test('redirects are followed; httpresponse.url is where it landed', async () => {
    const { result } = await invoke(runtime, judge.url('/redirect/302?to=/whoami?r=1'), { httpconfig: { method: 'get' } });
    assert.equal(result?.opstatus, 0);
    assert.equal(result?.httpresponse?.url, judge.url('/whoami?r=1'));
  });

  test('timeout in seconds: 1014', async () => {
    const started = Date.now();
    const { statuses, result } = await invoke(runtime, judge.url('/slow?ms=3000'), { httpconfig: { timeout: 0.2 } });
    assert.ok(Date.now() - started < 2500);
    assert.deepEqual(statuses, [100, 400]);
    assert.equal(result?.errcode, 1014);
    assert.equal(result?.opstatus, 1014);
  });

  test('cannot connect: 1016', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { result } = await invoke(runtime, `https://127.0.0.1:${port}/`);
    assert.equal(result?.errcode, 1016);
    assert.equal(result?.httpresponse, undefined);
  });

  test('a server that drops the connection during the handshake: 1016, not 1200', async () => {
    const dropper = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => dropper.listen(0, '127.0.0.1', r));
    try {
      const port = (dropper.address() as { port: number }).port;
      const { result } = await invoke(runtime, `https://127.0.0.1:${port}/`);
      assert.equal(result?.errcode, 1016);
    } finally {
      await new Promise<void>((r) => dropper.close(() => r()));
    }
  });

  test('invalid input returns null and calls nothing', () => {
    const invokeAny = runtime.net.invokeServiceAsync as (...a: unknown[]) => unknown;
    let calls = 0;
    const cb = () => { calls++; };
    const bad: unknown[][] = [
      [], [judge.url(), {}], [judge.url(), {}, cb, 1, 2], [5, {}, cb], ['not a url', {}, cb], ['ftp://localhost/', {}, cb],
      [judge.url(), null, cb], [judge.url(), 'x', cb], [judge.url(), {}, 'cb'],
      [judge.url(), { httpconfig: { method: 'put' } }, cb], [judge.url(), { httpconfig: { timeout: 'x' } }, cb],
      [judge.url(), { httpconfig: 5 }, cb], [judge.url(), { httpheaders: { a: 1 } }, cb],
    ];
    for (const args of bad) assert.equal(invokeAny(...args), null, JSON.stringify(args.map((a) => typeof a)));
    assert.equal(calls, 0);
  });

  test('info is passed back to the callback', async () => {
    const info = { mine: true };
    const seen = await new Promise<unknown>((resolve) => {
      runtime.net.invokeServiceAsync(judge.url(), {}, (status, _result, back) => { if (status === 400) resolve(back); }, info);
    });
    assert.equal(seen, info);
  });
});

describe('cancel', () => {
  test('cancel(handle): status 300 once, no 400, true; a second cancel or a finished handle: false', async () => {
    const statuses: number[] = [];
    const arrived = nextEvent(judge, 'request', { what: 'the request at the server' });
    const handle = runtime.net.invokeServiceAsync(judge.url('/slow?ms=60000'), {}, (status) => statuses.push(status));
    assert.ok(handle);
    await arrived; // in flight: the server holds the request
    const abandoned = nextEvent(judge, 'abandoned', { what: 'the server to see the request abandoned' });
    assert.equal(runtime.net.cancel(handle), true);
    assert.equal(runtime.net.cancel(handle), false);
    await abandoned; // the connection's end has reached the server: a late 400 would have been called
    await invoke(runtime, judge.url()); // and one whole request later, still nothing
    assert.deepEqual(statuses, [100, 300]);
    const done = await new Promise<{ id: number }>((resolve) => {
      const h = runtime.net.invokeServiceAsync(judge.url(), {}, (status) => { if (status === 400) setImmediate(() => resolve(h!)); });
    });
    assert.equal(runtime.net.cancel(done), false);
    assert.equal(runtime.net.cancel({ id: 99999 }), false);
    assert.equal((runtime.net.cancel as (...a: unknown[]) => boolean)(), false);
  });
});

// A stalled connect, probe (Android) or handshake must not outlive httpconfig.timeout or cancel().
describe('a server that accepts the connection and stalls', () => {
  for (const platform of ['android', 'ios'] as const) {
    for (const mode of ['silent', 'partial-server-hello'] as const) {
      test(`${platform}, ${mode}: 1014 after httpconfig.timeout, and the connection is closed`, { timeout: 8000 }, async () => {
        const stalled = await StallingServer.start(mode);
        try {
          const withCert = kit.runtime(platform);
          assert.equal(withCert.net.loadClientCertificate({ cert: kit.p12A, pass: PASS_A }), true);
          const started = Date.now();
          const { statuses, result } = await invoke(withCert, stalled.url(), { httpconfig: { method: 'get', timeout: 0.3 } });
          assert.ok(Date.now() - started < 3000);
          assert.deepEqual(statuses, [100, 400]);
          assert.equal(result?.errcode, 1014);
          assert.equal(result?.opstatus, 1014);
          await stalled.allClosed();
        } finally {
          await stalled.close();
        }
      });
    }

    test(`${platform}: cancel() while connecting gives 300 only and closes the connection`, { timeout: 8000 }, async () => {
      const stalled = await StallingServer.start('silent');
      try {
        const withCert = kit.runtime(platform);
        assert.equal(withCert.net.loadClientCertificate({ cert: kit.p12A, pass: PASS_A }), true);
        const statuses: number[] = [];
        const handle = withCert.net.invokeServiceAsync(stalled.url(), {}, (status) => statuses.push(status));
        assert.ok(handle);
        await stalled.whenAccepted();
        assert.equal(withCert.net.cancel(handle), true);
        await stalled.allClosed();
        await invoke(withCert, judge.url()); // a whole request after the close: a late 400 would have come
        assert.deepEqual(statuses, [100, 300]);
      } finally {
        await stalled.close();
      }
    });
  }
});

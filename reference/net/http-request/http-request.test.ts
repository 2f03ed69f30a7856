import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { PASS_A, createKit, httpRequest, type Kit } from '../../runtime/testing/runtime-kit.js';
import { createRuntime } from '../../runtime/create-runtime.js';
import type { HttpRequestLike } from '../../runtime/contract.js';
import type { ReferenceRuntime } from '../../runtime/reference-runtime.js';
import { isReferenceRawBytes } from '../../raw-bytes/raw-bytes.js';
import type { JudgeServer, Seen } from '../testing/judge-server.js';
import { nextEvent } from '../../testing/until-event.js';
import { StallingServer } from '../testing/stalling-server.js';

let kit: Kit;
let judge: JudgeServer;
let runtime: ReferenceRuntime;

before(async () => {
  kit = await createKit(createRuntime);
  judge = await kit.judge();
  runtime = kit.runtime();
});
after(() => kit.dispose());

const fresh = (): HttpRequestLike => new runtime.net.HttpRequest();
const call = (target: object, name: string, ...args: unknown[]) => (target as Record<string, (...a: unknown[]) => unknown>)[name](...args);
const is100 = { errorCode: 100 };
const is101 = { errorCode: 101 };

describe('readyState machine', () => {
  test('constants, initial state and the full sequence with a body: 1, 2, 3, 4', async () => {
    const { HttpRequest } = runtime.net;
    assert.deepEqual([HttpRequest.UNSENT, HttpRequest.OPENED, HttpRequest.HEADERS_RECEIVED, HttpRequest.LOADING, HttpRequest.DONE], [0, 1, 2, 3, 4]);
    const request = fresh();
    assert.equal(request.readyState, 0);
    assert.equal(request.status, 0);
    assert.equal(request.response, null);
    assert.equal(request.getResponseHeader('content-type'), null);
    assert.equal(request.getAllResponseHeaders(), '');
    const outcome = await httpRequest(runtime, judge.url());
    assert.deepEqual(outcome.states, [1, 2, 3, 4]);
    assert.equal(outcome.status, 200);
    assert.equal(outcome.statusText, 'OK');
  });

  test('onReadyStateChange gets no arguments; an empty body goes 1, 2, 4', async () => {
    const request = fresh();
    const argCounts: number[] = [];
    const states: number[] = [];
    await new Promise<void>((resolve) => {
      request.onReadyStateChange = function (...args: unknown[]) {
        argCounts.push(args.length);
        states.push(request.readyState);
        if (request.readyState === 4) resolve();
      };
      request.open('get', judge.url('/empty'));
      request.send();
    });
    assert.deepEqual(states, [1, 2, 4]);
    assert.ok(argCounts.every((n) => n === 0));
    assert.equal(request.status, 204);
  });

  test('DONE on failure too: connection refused is status 0, NET_CONNECT_FAILED', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const outcome = await httpRequest(runtime, `https://127.0.0.1:${port}/`);
    assert.deepEqual(outcome.states, [1, 4]);
    assert.equal(outcome.status, 0);
    assert.equal(outcome.statusText, 'NET_CONNECT_FAILED');
    assert.equal(outcome.response, null);
  });
});

describe('open', () => {
  test('GET/POST/HEAD/PUT/DELETE, any case; other methods and bad URLs are SyntaxError', async () => {
    for (const method of ['get', 'Post', 'HEAD', 'put', 'delete']) {
      const seen = (await httpRequest(runtime, judge.url(), { method, responseType: 'json' })).response as Seen | null;
      if (method !== 'HEAD') assert.equal(seen?.method, method.toUpperCase());
    }
    for (const method of ['FOO', 'CONNECT', 'TRACE', '', 'G ET']) {
      assert.throws(() => fresh().open(method, judge.url()), { name: 'SyntaxError', code: 'HTTP_SYNTAX_ERROR' });
    }
    for (const url of ['not a url', '/relative', 'ftp://localhost/x', '']) {
      assert.throws(() => fresh().open('GET', url), { name: 'SyntaxError' });
    }
  });

  test('types 100, counts 101, async = false refused', () => {
    assert.throws(() => call(fresh(), 'open', 'GET'), is101);
    assert.throws(() => call(fresh(), 'open', 'GET', judge.url(), true, 'u', 'p', 'x'), is101);
    assert.throws(() => call(fresh(), 'open', 1, judge.url()), is100);
    assert.throws(() => call(fresh(), 'open', 'GET', {}), is100);
    assert.throws(() => call(fresh(), 'open', 'GET', judge.url(), 'yes'), is100);
    assert.throws(() => fresh().open('GET', judge.url(), false), { name: 'InvalidAccessError' });
    assert.throws(() => new (runtime.net.HttpRequest as unknown as new (o: unknown) => unknown)(5), is100);
  });

  test('user and password become Basic authorization', async () => {
    const request = fresh();
    const done = new Promise<void>((r) => { request.onReadyStateChange = () => { if (request.readyState === 4) r(); }; });
    request.open('GET', judge.url(), true, 'ann', 's3cret');
    request.responseType = 'json';
    request.send();
    await done;
    assert.equal((request.response as Seen).headers.authorization, `Basic ${Buffer.from('ann:s3cret').toString('base64')}`);
  });
});

describe('setRequestHeader and send', () => {
  test('setRequestHeader before open or after send is InvalidStateError; repeats are joined with ", "', async () => {
    assert.throws(() => fresh().setRequestHeader('x-a', '1'), { name: 'InvalidStateError' });
    const outcome = await httpRequest(runtime, judge.url(), { responseType: 'json', headers: [['X-A', 'one'], ['x-a', 'two'], ['X-B', 'b']] });
    const seen = outcome.response as Seen;
    assert.equal(seen.headers['x-a'], 'one, two');
    assert.equal(seen.headers['x-b'], 'b');
    const request = fresh();
    request.open('GET', judge.url('/slow?ms=50'));
    request.send();
    assert.throws(() => request.setRequestHeader('x-late', '1'), { name: 'InvalidStateError' });
    assert.throws(() => request.send(), { name: 'InvalidStateError', code: 'HTTP_INVALID_STATE' });
    request.abort();
  });

  test('setRequestHeader checks: 101, 100, invalid name or value is SyntaxError', () => {
    const request = fresh();
    request.open('GET', judge.url());
    assert.throws(() => call(request, 'setRequestHeader', 'x'), is101);
    assert.throws(() => call(request, 'setRequestHeader', 'x', 1), is100);
    assert.throws(() => request.setRequestHeader('bad name', 'v'), { name: 'SyntaxError' });
    assert.throws(() => request.setRequestHeader('x', 'a\r\nb: c'), { name: 'SyntaxError' });
  });

  test('send before open is InvalidStateError; wrong type 100; two arguments 101', () => {
    assert.throws(() => fresh().send(), { name: 'InvalidStateError' });
    const request = fresh();
    request.open('POST', judge.url());
    assert.throws(() => request.send(5), is100);
    assert.throws(() => request.send(true), is100);
    assert.throws(() => call(request, 'send', 'a', 'b'), is101);
  });

  const posted = async (body: unknown, headers: [string, string][] = []) =>
    (await httpRequest(runtime, judge.url(), { method: 'POST', body, responseType: 'json', headers })).response as Seen;

  test('bodies: string, JSON object, RawBytes, FormData, URLSearchParams; an app Content-Type wins', async () => {
    let seen = await posted('hello');
    assert.equal(seen.body, 'hello');
    assert.equal(seen.headers['content-type'], 'text/plain;charset=UTF-8');
    seen = await posted({ a: 1, b: ['x'] });
    assert.deepEqual(JSON.parse(seen.body), { a: 1, b: ['x'] });
    assert.match(String(seen.headers['content-type']), /^application\/json/);
    seen = await posted(runtime.convertToRawBytes('aGk='));
    assert.equal(seen.body, 'hi');
    assert.equal(seen.headers['content-type'], 'application/octet-stream');
    seen = await posted(new Uint8Array([104, 105]));
    assert.equal(seen.body, 'hi', 'a typed array too (D1)');
    const form = new FormData();
    form.append('field', 'value');
    seen = await posted(form);
    assert.match(String(seen.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.match(seen.body, /name="field"\r\n\r\nvalue/);
    seen = await posted(new URLSearchParams({ q: 'a b' }));
    assert.equal(seen.body, 'q=a+b');
    assert.match(String(seen.headers['content-type']), /^application\/x-www-form-urlencoded/);
    seen = await posted('{"x":1}', [['Content-Type', 'application/json']]);
    assert.equal(seen.headers['content-type'], 'application/json');
  });

  test('the body is ignored for GET and HEAD', async () => {
    const seen = (await httpRequest(runtime, judge.url(), { body: 'ignored', responseType: 'json' })).response as Seen;
    assert.equal(seen.body, '');
    assert.equal(seen.headers['content-length'], undefined);
  });
});

describe('redirects', () => {
  for (const status of [301, 302, 303, 307]) {
    test(`${status} is followed`, async () => {
      const outcome = await httpRequest(runtime, judge.url(`/redirect/${status}?to=/whoami?landed=1`), { responseType: 'json' });
      assert.equal(outcome.status, 200);
      assert.equal((outcome.response as Seen).url, '/whoami?landed=1');
    });
  }

  test('303 turns POST into GET without a body; 307 keeps method and body', async () => {
    const see = (await httpRequest(runtime, judge.url('/redirect/303'), { method: 'POST', body: 'payload', responseType: 'json' })).response as Seen;
    assert.equal(see.method, 'GET');
    assert.equal(see.body, '');
    const keep = (await httpRequest(runtime, judge.url('/redirect/307'), { method: 'POST', body: 'payload', responseType: 'json' })).response as Seen;
    assert.equal(keep.method, 'POST');
    assert.equal(keep.body, 'payload');
  });

  test('308 is not followed', async () => {
    const outcome = await httpRequest(runtime, judge.url('/redirect/308'));
    assert.equal(outcome.status, 308);
  });
});

describe('response', () => {
  test('headers: lower-cased, sorted, repeated values joined, never Set-Cookie', async () => {
    const request = fresh();
    await new Promise<void>((r) => {
      request.onReadyStateChange = () => { if (request.readyState === 4) r(); };
      request.open('GET', judge.url('/text'));
      request.send();
    });
    const all = request.getAllResponseHeaders();
    assert.doesNotMatch(all, /set-cookie/i);
    assert.match(all, /^content-type: text\/plain; charset=utf-8\r\n/m);
    assert.match(all, /x-multi: one, two\r\n/);
    assert.equal(request.getResponseHeader('X-MULTI'), 'one, two');
    assert.equal(request.getResponseHeader('Set-Cookie'), null);
    assert.equal(request.getResponseHeader('x-absent'), null);
    assert.throws(() => call(request, 'getResponseHeader'), is101);
    assert.throws(() => call(request, 'getResponseHeader', 1), is100);
  });

  test('typed by content type when responseType is "": json, text, rawdata', async () => {
    assert.equal(((await httpRequest(runtime, judge.url())).response as Seen).url, '/whoami');
    assert.equal((await httpRequest(runtime, judge.url('/text'))).response, 'plain text');
    const bytes = (await httpRequest(runtime, judge.url('/bytes'))).response;
    assert.ok(isReferenceRawBytes(bytes), 'rawdata is an opaque RawBytes, not a typed array');
    assert.ok(!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer));
    assert.equal(runtime.convertToBase64(bytes), Buffer.from([0, 1, 2, 255]).toString('base64'));
  });

  test('typed by responseType: text, json, rawdata, document (text); failed JSON parse is null', async () => {
    assert.equal(typeof (await httpRequest(runtime, judge.url(), { responseType: 'text' })).response, 'string');
    const raw = (await httpRequest(runtime, judge.url(), { responseType: 'rawdata' })).response;
    assert.ok(isReferenceRawBytes(raw));
    assert.equal((JSON.parse(raw.text ?? '') as Seen).url, '/whoami', 'the text view of a JSON body');
    assert.equal((await httpRequest(runtime, judge.url('/text'), { responseType: 'document' })).response, 'plain text');
    assert.equal((await httpRequest(runtime, judge.url('/not-json'), { responseType: 'json' })).response, null);
    assert.equal((await httpRequest(runtime, judge.url('/not-json'))).response, null);
    const request = fresh();
    assert.throws(() => { request.responseType = 'blob'; }, is100);
    assert.throws(() => { (request as { responseType: unknown }).responseType = 3; }, is100);
  });

  test('status and statusText of an error status', async () => {
    const outcome = await httpRequest(runtime, judge.url('/status/404'));
    assert.equal(outcome.status, 404);
    assert.equal(outcome.statusText, 'Not Found');
  });
});

describe('abort and timeout', () => {
  test('abort during a request: DONE is announced with status 0, then readyState is UNSENT', async () => {
    const request = fresh();
    const states: number[] = [];
    request.onReadyStateChange = () => states.push(request.readyState);
    request.open('GET', judge.url('/slow?ms=60000'));
    const arrived = nextEvent(judge, 'request', { what: 'the request at the server' });
    request.send();
    await arrived; // in flight: the server holds the request
    const abandoned = nextEvent(judge, 'abandoned', { what: 'the server to see the request abandoned' });
    request.abort();
    assert.deepEqual(states, [1, 4]);
    assert.equal(request.readyState, 0);
    assert.equal(request.status, 0);
    await abandoned; // the connection's end has reached the server
    await httpRequest(runtime, judge.url()); // and one whole request later
    assert.deepEqual(states, [1, 4], 'nothing more after abort');
  });

  test('open() over a request in flight abandons it: only the new request is announced and answered', async () => {
    const request = fresh();
    const states: number[] = [];
    const done = new Promise<void>((resolve) => {
      request.onReadyStateChange = () => {
        states.push(request.readyState);
        if (request.readyState === 4) resolve();
      };
    });
    request.responseType = 'json';
    request.open('GET', judge.url('/slow?ms=2000'));
    request.send();
    request.open('GET', judge.url('/whoami?second'));
    request.send();
    await done;
    assert.deepEqual(states, [1, 1, 2, 3, 4]);
    assert.equal(request.status, 200);
    assert.equal((request.response as Seen).url, '/whoami?second');
  });

  test('abort before send announces nothing', () => {
    const request = fresh();
    let calls = 0;
    request.open('GET', judge.url());
    request.onReadyStateChange = () => calls++;
    request.abort();
    assert.equal(calls, 0);
    assert.equal(request.readyState, 1);
  });

  test('timeout in milliseconds ends with DONE, status 0, NET_TIMEOUT; 0 means none', async () => {
    const started = Date.now();
    const late = await httpRequest(runtime, judge.url('/slow?ms=3000'), { timeout: 150 });
    assert.ok(Date.now() - started < 2500);
    assert.deepEqual(late.states, [1, 4]);
    assert.equal(late.status, 0);
    assert.equal(late.statusText, 'NET_TIMEOUT');
    const patient = await httpRequest(runtime, judge.url('/slow?ms=200'), { timeout: 0 });
    assert.equal(patient.status, 200);
    assert.throws(() => { fresh().timeout = -1; }, is100);
    assert.throws(() => { (fresh() as { timeout: unknown }).timeout = '5'; }, is100);
  });
});

// A stalled connect, probe (Android) or handshake must not outlive the timeout or abort().
describe('a server that accepts the connection and stalls', () => {
  for (const platform of ['android', 'ios'] as const) {
    for (const mode of ['silent', 'partial-server-hello'] as const) {
      test(`${platform}, ${mode}: DONE, status 0, NET_TIMEOUT after the timeout; the connection is closed`, { timeout: 8000 }, async () => {
        const stalled = await StallingServer.start(mode);
        try {
          const withCert = kit.runtime(platform);
          assert.equal(withCert.net.loadClientCertificate({ cert: kit.p12A, pass: PASS_A }), true);
          const started = Date.now();
          const outcome = await httpRequest(withCert, stalled.url(), { timeout: 300 });
          assert.ok(Date.now() - started < 3000);
          assert.deepEqual(outcome.states, [1, 4]);
          assert.equal(outcome.status, 0);
          assert.equal(outcome.statusText, 'NET_TIMEOUT');
          await stalled.allClosed();
        } finally {
          await stalled.close();
        }
      });
    }

    test(`${platform}: abort() while connecting announces DONE once and closes the connection`, { timeout: 8000 }, async () => {
      const stalled = await StallingServer.start('silent');
      try {
        const withCert = kit.runtime(platform);
        assert.equal(withCert.net.loadClientCertificate({ cert: kit.p12A, pass: PASS_A }), true);
        const request = new withCert.net.HttpRequest();
        const states: number[] = [];
        request.onReadyStateChange = () => states.push(request.readyState);
        request.open('GET', stalled.url());
        request.send();
        await stalled.whenAccepted();
        request.abort();
        await stalled.allClosed();
        await httpRequest(withCert, judge.url()); // a whole request after the close: a late announcement would have come
        assert.deepEqual(states, [1, 4]);
        assert.equal(request.readyState, 0);
      } finally {
        await stalled.close();
      }
    });
  }
});

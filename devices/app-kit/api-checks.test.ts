/**
 * The kit's scripted API checks, run by the built kit in the V8 host on the reference runtime
 * against a real TLS server: each reports the raw observations its script promises
 * (docs/app-contract.md), and bad input is an app error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiCheckObservations } from '../conformance-app/contract.js';
import { useKitOnReference } from './testing/hosted-kit.js';

describe('scripted API checks (the kit on V8, reference runtime)', () => {
  const suite = useKitOnReference();

  async function observe<K extends keyof ApiCheckObservations>(check: K, body = ''): Promise<ApiCheckObservations[K]> {
    const outcome = await suite.kit.run({ action: 'api-check', check, url: `${suite.tls.baseUrl}whoami`, ...(body ? { otherUrl: body } : {}) });
    assert.equal(outcome.check, check, JSON.stringify(outcome));
    return outcome.observed as ApiCheckObservations[K];
  }

  it('readystates: every change with no arguments, 1 to 4, and the final status', async () => {
    const seen = await observe('readystates');
    assert.deepEqual([seen.initialReadyState, seen.initialStatus, seen.afterOpenReadyState, seen.afterOpenStatus], [0, 0, 1, 0]);
    assert.deepEqual(seen.trace.changes, [1, 2, 3, 4]);
    assert.deepEqual(seen.trace.callbackArguments, [0, 0, 0, 0]);
    assert.equal(seen.trace.status, 200);
    assert.equal(seen.trace.completed, true);
  });

  it('invalid-state: the names of what was thrown, and the request still completes', async () => {
    const seen = await observe('invalid-state');
    for (const key of ['setHeaderBeforeOpen', 'sendBeforeOpen', 'setHeaderAfterSend', 'secondSend', 'setHeaderAfterDone'] as const) {
      assert.equal(seen[key].thrown?.name, 'InvalidStateError', key);
    }
    assert.equal(seen.trace.status, 200);
  });

  it('methods: any case of GET and POST reaches the server; BOGUS and bad URLs are SyntaxError', async () => {
    const seen = await observe('methods');
    for (const [method, sent] of Object.entries(seen.sent)) {
      assert.equal(sent.open.thrown, undefined, method);
      assert.equal(sent.trace?.status, 200, method);
    }
    for (const key of ['unknownMethod', 'malformedUrl', 'relativeUrl'] as const) assert.equal(seen[key].thrown?.name, 'SyntaxError', key);
  });

  it('response: typed responses, null before a response, and JSON on a non-JSON body is null', async () => {
    const seen = await observe('response', `${suite.tls.baseUrl}b.p12`);
    assert.deepEqual(seen.headerAfterOpen, { returned: { kind: 'null' } });
    assert.deepEqual(seen.byType.json.response, { kind: 'object', value: ['body', 'cn', 'method'] });
    assert.equal(seen.byType.text.response.kind, 'string');
    assert.deepEqual(seen.jsonOnNonJson, { status: 200, response: { kind: 'null' }, contentType: 'application/x-pkcs12' });
    assert.ok(seen.allHeaderNames.includes('content-type'), seen.allHeaderNames.join());
    // The fixture's /cookie is its JSON answer without cookie headers: the raw header text is kept whole.
    const { cookie } = seen;
    assert.deepEqual([cookie.url, cookie.trace.status], [`${suite.tls.baseUrl}cookie`, 200]);
    assert.match(cookie.allHeaders.text ?? '', /^connection: keep-alive\r\ncontent-type: application\/json\r\ndate: .*\r\n$/s, JSON.stringify(cookie.allHeaders));
    for (const key of ['setCookie', 'setCookieLower', 'conformanceHeader'] as const) assert.deepEqual(cookie[key], { returned: { kind: 'null' } }, key);
    assert.equal((await observe('response')).jsonOnNonJson, null, 'no second URL, no second request');
  });

  it('err-codes: 100 and 101 as the error objects carry them', async () => {
    const { calls } = await observe('err-codes');
    assert.equal(calls['open("GET")']?.thrown?.errorCode, 101);
    assert.equal(calls['open(5, url)']?.thrown?.errorCode, 100);
    assert.equal(calls['setRequestHeader("X-Check")']?.thrown?.errorCode, 101);
    assert.ok(Object.values(calls).every((c) => c.thrown !== undefined), 'the reference throws for every scripted call');
  });

  it('invoke-cancel: 300 with a null result, no 400, cancel true once; invalid input returns null', async () => {
    const seen = await observe('invoke-cancel');
    assert.deepEqual(seen.invoke.returned, { kind: 'object', value: ['id'] });
    assert.deepEqual(seen.statuses, [300]);
    assert.deepEqual(seen.resultAt300, { kind: 'null' });
    assert.deepEqual([seen.cancel, seen.cancelAgain, seen.cancelForeign].map((c) => c.returned?.value), [true, false, false]);
    for (const [key, invalid] of Object.entries(seen.invalid)) assert.deepEqual(invalid, { call: { returned: { kind: 'null' } }, statuses: [] }, key);
  });

  it('the api-check command reports an ApiCheckResult, or an app error for an unknown check or target', async () => {
    const run = (check: string, url: string) => suite.kit.run({ action: 'api-check', check, url });
    const ok = await run('readystates', `${suite.tls.baseUrl}whoami`);
    assert.equal(ok.action, 'api-check');
    assert.equal(ok.check, 'readystates');
    assert.match(String((await run('nope', `${suite.tls.baseUrl}whoami`)).appError), /APP_UNKNOWN_CHECK/);
    assert.match(String((await run('methods', 'ftp://x')).appError), /APP_BAD_TARGET/);
  });
});

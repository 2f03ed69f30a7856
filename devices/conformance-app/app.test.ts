import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ConformanceApp, NotAnInputError, UnknownElementError } from './app.js';
import { decodeBase64, encodeBase64, InvalidBase64Error } from './base64.js';
import { ElementId as E, type AppResult } from './contract.js';
import { createRuntime } from '../test-support/stand-in-runtime.js';
import { createTlsFixture, type TlsFixture } from '../test-support/tls-fixture.js';
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';

describe('app base64 helpers', () => {
  it('round-trip and agree with Buffer for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = encodeBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64'));
      assert.deepEqual(decodeBase64(text), bytes);
    }));
  });

  it('ignore line breaks and reject anything else that is not base64', () => {
    assert.deepEqual(decodeBase64('aGVs\nbG8=\r\n'), new TextEncoder().encode('hello'));
    for (const bad of ['abc', 'ab!d', '====', 'a=bc']) assert.throws(() => decodeBase64(bad), InvalidBase64Error, bad);
  });
});

describe('conformance app screen', () => {
  let tls: TlsFixture;
  let runtime: VoltmxRuntime;
  before(async () => {
    tls = await createTlsFixture();
    runtime = createRuntime({ platform: 'android', trust: { ca: [tls.caPem] } });
  });
  after(async () => {
    await runtime?.shutdown();
    await tls?.dispose();
  });

  const result = (app: ConformanceApp) => JSON.parse(app.getText(E.result)) as AppResult & Record<string, unknown>;

  it('shows an idle result, appends typed text, clears, and refuses text on buttons', () => {
    const app = new ConformanceApp(runtime);
    assert.deepEqual(result(app), { seq: 0, done: true, action: 'none' });
    app.setValue(E.certPassword, 'ab');
    app.setValue(E.certPassword, 'cd');
    assert.equal(app.valueOf(E.certPassword), 'abcd');
    assert.equal(app.getText(E.certPassword), '••••', 'password fields show dots to automation');
    app.setValue(E.targetUrl, 'https://x');
    assert.equal(app.getText(E.targetUrl), 'https://x');
    app.clear(E.certPassword);
    assert.equal(app.valueOf(E.certPassword), '');
    assert.equal(app.getText(E.loadBase64), 'Load (base64)');
    assert.throws(() => app.setValue(E.loadBase64, 'x'), NotAnInputError);
    assert.throws(() => app.getText('nope' as never), UnknownElementError);
  });

  it('returns from a click at once; the result turns done later; a later click owns the result', async () => {
    const app = new ConformanceApp(runtime);
    app.setValue(E.certSource, 'url');
    app.setValue(E.certInput, `${tls.baseUrl}slow.p12`);
    app.click(E.loadRawBytes);
    assert.deepEqual(result(app), { seq: 1, action: E.loadRawBytes, done: false });
    app.setValue(E.loadArguments, '[]');
    app.click(E.loadWithArguments);
    await app.settle();
    const last = result(app);
    assert.equal(last.seq, 2);
    assert.equal(last.action, E.loadWithArguments);
    assert.equal((last.thrown as { errorCode: number }).errorCode, 101);
  });

  it('passes typed base64 to the runtime exactly as typed', async () => {
    const app = new ConformanceApp(runtime);
    app.setValue(E.certSource, 'base64');
    app.setValue(E.certInput, '!!!not-base64');
    app.click(E.loadBase64);
    await app.settle();
    // The stand-in runtime decodes leniently and then fails the PKCS#12 parse: returned false, not an app error.
    assert.equal(result(app).returned, false);
    assert.equal(result(app).appError, undefined);
  });
});

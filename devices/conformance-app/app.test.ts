import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConformanceApp, NotAnInputError, UnknownElementError } from './app.js';
import { ElementId as E, type AppResult } from './contract.js';
import { createRuntime } from '../test-support/stand-in-runtime.js';
import { createTlsFixture, type TlsFixture } from '../test-support/tls-fixture.js';
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';

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

  /** Types a command as automation would (appending to the input) and presses run. */
  const run = (app: ConformanceApp, command: unknown) => {
    app.setValue(E.command, typeof command === 'string' ? command : JSON.stringify(command));
    app.click(E.run);
  };

  it('has three widgets: shows an idle result, appends typed text, hides passwords, refuses text on the button', () => {
    const app = new ConformanceApp(runtime);
    assert.deepEqual(app.elements.map((e) => [e.id, e.kind]), [['command', 'input'], ['run', 'button'], ['result', 'text']]);
    assert.deepEqual(result(app), { seq: 0, done: true, action: 'none' });
    app.setValue(E.command, '{"action":"load-base64","password":"se');
    app.setValue(E.command, 'cret","input":"x"}');
    assert.equal(app.valueOf(E.command), '{"action":"load-base64","password":"secret","input":"x"}');
    assert.equal(app.getText(E.command), '{"action":"load-base64","password":"•••","input":"x"}', 'passwords read back as dots');
    app.clear(E.command);
    assert.equal(app.valueOf(E.command), '');
    assert.equal(app.getText(E.run), 'Run');
    assert.throws(() => app.setValue(E.run, 'x'), NotAnInputError);
    assert.throws(() => app.getText('cert-password' as never), UnknownElementError);
  });

  it('run empties the command input and returns at once; the result turns done later; a later run owns the result', async () => {
    const app = new ConformanceApp(runtime);
    run(app, { action: 'load-rawbytes', source: 'url', input: `${tls.baseUrl}slow.p12`, password: '' });
    assert.equal(app.valueOf(E.command), '', 'the next command is typed into an empty input');
    assert.deepEqual(result(app), { seq: 1, action: 'load-rawbytes', done: false });
    run(app, { action: 'load-with-arguments', args: [] });
    await app.settle();
    const last = result(app);
    assert.equal(last.seq, 2);
    assert.equal(last.action, 'load-with-arguments');
    assert.equal((last.thrown as { errorCode: number }).errorCode, 101);
  });

  it('a JSON array is a batch: steps run in order, each result in results; bad commands are app errors', async () => {
    const app = new ConformanceApp(runtime);
    run(app, [{ action: 'load-with-arguments', args: [] }, { action: 'load-with-arguments', args: [{ cert: 5, pass: '' }] }, { action: 'nope' }]);
    await app.settle();
    assert.match(String(result(app).appError), /APP_UNKNOWN_ACTION: step 2/, 'a batch is checked whole before anything runs');
    run(app, [{ action: 'load-with-arguments', args: [] }, { action: 'load-with-arguments', args: [{ cert: 5, pass: '' }] }, { action: 'http-request', url: '' }]);
    await app.settle();
    const batch = result(app) as unknown as { seq: number; action: string; results: Array<Record<string, unknown>> };
    assert.equal(batch.action, 'batch');
    assert.deepEqual(batch.results.map((r) => [r.action, (r.thrown as { errorCode?: number } | undefined)?.errorCode ?? r.appError]), [
      ['load-with-arguments', 101], ['load-with-arguments', 100], ['http-request', 'APP_BAD_TARGET: the command holds no url'],
    ]);
    run(app, 'not json');
    assert.match(String(result(app).appError), /APP_BAD_COMMAND/);
    run(app, '[]');
    assert.match(String(result(app).appError), /APP_BAD_COMMAND/);
  });

  it('info answers the platform, the versions it was given, the CA fingerprint and the data and cache directories', async () => {
    const app = new ConformanceApp(runtime, { runtimeVersion: 'rt 1', appVersion: 'app 2', kitVersion: 'kit 3', caFingerprint: 'ab'.repeat(32) });
    run(app, { action: 'info' });
    await app.settle();
    const info = result(app);
    assert.equal(info.action, 'info');
    assert.equal(info.platform, 'android');
    assert.equal(info.runtimeVersion, 'rt 1');
    assert.equal(info.appVersion, 'app 2');
    assert.equal(info.kitVersion, 'kit 3');
    assert.equal(info.caFingerprint, 'ab'.repeat(32));
    assert.equal(info.dataDirectory, runtime.io.FileSystem.getDataDirectoryPath());
    assert.equal(typeof info.cacheDirectory, 'string');
    const bare = new ConformanceApp(runtime);
    run(bare, { action: 'info' });
    await bare.settle();
    assert.match(String(result(bare).kitVersion), /conformance-app/);
    assert.equal(result(bare).caFingerprint, null, 'unknown unless the host tells it');
  });

  it('passes typed base64 to the runtime exactly as typed', async () => {
    const app = new ConformanceApp(runtime);
    run(app, { action: 'load-base64', source: 'base64', input: '!!!not-base64', password: '' });
    await app.settle();
    // The stand-in runtime decodes leniently and then fails the PKCS#12 parse: returned false, not an app error.
    assert.equal(result(app).returned, false);
    assert.equal(result(app).appError, undefined);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConformanceApp } from './app.js';
import { ElementId as E, type AppResult } from './contract.js';
import { createRuntime } from '../../reference/index.js';
import { StallingServer } from '../../reference/net/testing/stalling-server.js';
import { createTlsFixture, type TlsFixture } from '../test-support/tls-fixture.js';
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';

describe('conformance app: deadlines, concurrent steps, idle', () => {
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
  const run = (app: ConformanceApp, command: unknown) => {
    app.setValue(E.command, JSON.stringify(command));
    app.click(E.run);
  };

  it('a runtime that never answers: the step is timedOut at its deadline, with what it saw; the next step runs as usual', async () => {
    const silent = await StallingServer.start('silent');
    try {
      const app = new ConformanceApp(runtime);
      run(app, [
        { action: 'http-request', url: silent.url('/whoami'), deadlineMs: 300 },
        { action: 'load-with-arguments', args: [] },
      ]);
      await app.settle();
      const batch = result(app) as unknown as { results: Array<Record<string, unknown>> };
      assert.deepEqual(batch.results[0], { seq: 1, done: true, action: 'http-request', readyState: 1, status: 0, timedOut: true, deadlineMs: 300 });
      assert.equal((batch.results[1]!.thrown as { errorCode: number }).errorCode, 101);
      await silent.allClosed(); // the app aborted the request it gave up on
    } finally {
      await silent.close();
    }
  });

  it('a concurrent request runs while the next steps do (overlapped), and the batch waits for it; idle waits', async () => {
    const app = new ConformanceApp(runtime);
    run(app, [
      { action: 'http-request', url: `${tls.baseUrl}whoami`, concurrent: true },
      { action: 'load-with-arguments', args: [] },
      { action: 'idle', ms: 20 },
      { action: 'http-request', url: `${tls.baseUrl}whoami`, concurrent: true },
    ]);
    await app.settle();
    const [first, thrown, idled, last] = (result(app) as unknown as { results: Array<Record<string, unknown>> }).results;
    assert.equal(first!.status, 200);
    assert.equal(first!.overlapped, true, 'still running when the load started');
    assert.equal((thrown!.thrown as { errorCode: number }).errorCode, 101);
    assert.ok(Number(idled!.idledMs) >= 15, JSON.stringify(idled));
    assert.equal(last!.status, 200);
    assert.equal(last!.overlapped, false, 'no step followed it');
    run(app, { action: 'idle', ms: -1 });
    await app.settle();
    assert.match(String(result(app).appError), /APP_BAD_ARGUMENTS/);
  });
});

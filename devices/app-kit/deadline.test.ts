/**
 * The kit's own deadline, concurrent request steps and the idle command, run by the built kit
 * in the V8 host on the reference runtime (docs/app-contract.md): a runtime that never answers
 * is reported timedOut with what was seen, and the kit lets go of the request.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StallingServer } from '../../reference/net/testing/stalling-server.js';
import { createRuntime } from '../../reference/index.js';
import { launchKit, useKitOnReference } from './testing/hosted-kit.js';

describe('the kit: deadlines, concurrent steps, idle (V8, reference runtime)', () => {
  const suite = useKitOnReference();

  it('a request that never ends is timedOut at its deadline, with what it saw; the request is let go and the next step runs', async () => {
    const silent = await StallingServer.start('silent');
    try {
      const batch = await suite.kit.run([
        { action: 'http-request', url: silent.url('/whoami'), deadlineMs: 300 },
        { action: 'invoke-service', url: silent.url('/service'), deadlineMs: 300 },
        { action: 'load-with-arguments', args: [] },
      ]) as { results: Array<Record<string, unknown>> };
      const [http, invoke, load] = batch.results;
      assert.deepEqual({ ...http, seq: 0 }, { seq: 0, done: true, action: 'http-request', readyState: 1, status: 0, timedOut: true, deadlineMs: 300 });
      assert.equal(invoke!.timedOut, true, JSON.stringify(invoke));
      assert.equal(invoke!.deadlineMs, 300);
      assert.ok(Array.isArray(invoke!.statuses) && !(invoke!.statuses as number[]).includes(400), JSON.stringify(invoke));
      assert.equal((load!.thrown as { errorCode: number }).errorCode, 101);
      await silent.allClosed(); // abort() and cancel() closed both connections
    } finally {
      await silent.close();
    }
  });

  it('a concurrent request runs while the next steps do (overlapped), the batch waits for it; idle waits', async () => {
    const batch = await suite.kit.run([
      { action: 'http-request', url: `${suite.tls.baseUrl}whoami`, concurrent: true },
      { action: 'load-with-arguments', args: [] },
      { action: 'idle', ms: 20 },
      { action: 'invoke-service', url: `${suite.tls.baseUrl}service`, concurrent: true },
    ]) as { results: Array<Record<string, unknown>> };
    const [first, thrown, idled, last] = batch.results;
    assert.equal(first!.status, 200);
    assert.equal(first!.overlapped, true, 'still running when the load started');
    assert.equal((thrown!.thrown as { errorCode: number }).errorCode, 101);
    assert.ok(Number(idled!.idledMs) >= 15, JSON.stringify(idled));
    assert.equal(last!.responsecode, 200, JSON.stringify(last));
    assert.equal(last!.overlapped, false, 'no step followed it');
    assert.match(String((await suite.kit.run({ action: 'idle', ms: -1 })).appError), /APP_BAD_ARGUMENTS/);
  });

  it('idle waits out the whole time even on a platform whose timer fires early', async () => {
    const runtime = createRuntime({ platform: 'ios', trust: { ca: [suite.tls.caPem] } });
    // The runtime's timer fires after half the time asked for.
    const schedule = runtime.timer.schedule;
    runtime.timer.schedule = (id, callback, seconds, repeat) => schedule(id, callback, seconds / 2, repeat);
    const kit = await launchKit(runtime);
    try {
      const idled = await kit.run({ action: 'idle', ms: 200 }) as Record<string, unknown>;
      assert.ok(Number(idled.idledMs) >= 200, JSON.stringify(idled));
    } finally {
      await kit.terminate();
      await runtime.shutdown();
    }
  });
});

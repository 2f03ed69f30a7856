/**
 * The JavaScriptCore host with the reference runtime: the built drop-in kit runs in the real
 * `jsc` shell, takes a PKCS#12 as RawBytes from a real TLS server (a handle: the bytes stay on
 * the Node side) and presents it on the next request; `voltmx.timer` calls back through the
 * bridge; a kit touching a host global fails to load; nothing is left running after terminate.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { createRuntime } from '../../../../../reference/index.js';
import type { VoltmxRuntime } from '../../../../../reference/runtime/contract.js';
import { descendantsOf, toolSkip, waitFor } from '../../../../../support/testing/index.js';
import { findJsc } from '../../../../../support/tools/index.js';
import { buildKit, KIT_VERSION } from '../../../../app-kit/build-kit.js';
import { encodeCommand } from '../../../../app-kit/command-envelope.js';
import { ElementId } from '../../../../conformance-app/contract.js';
import { createTlsFixture, type TlsFixture } from '../../../../testing/tls-fixture.js';
import type { HostedApp } from '../app-host.js';
import { jscHost } from './jsc-host.js';

const jsc = findJsc();
const skip = toolSkip('jsc', jsc.exists ? undefined : `no jsc shell at ${jsc.path}`);
const host = jscHost();

const jscChildren = () => descendantsOf(process.pid).filter((p) => p.comm === 'jsc');

describe('the JavaScriptCore app host', { skip }, () => {
  let fixture: TlsFixture;
  const runtimes: VoltmxRuntime[] = [];
  const apps: HostedApp[] = [];

  before(async () => {
    fixture = await createTlsFixture();
  });
  after(async () => {
    for (const app of apps) await app.terminate();
    for (const runtime of runtimes) await runtime.shutdown();
    await fixture?.dispose();
  });

  function runtime(): VoltmxRuntime {
    const made = createRuntime({ platform: 'ios', trust: { ca: [fixture.caPem] } });
    runtimes.push(made);
    return made;
  }

  async function launch(kitSource: string): Promise<HostedApp> {
    const app = await host.launch({ kitSource, runtime: runtime(), hooks: { runtimeVersion: '9.5.0', appVersion: '1.0' } });
    apps.push(app);
    return app;
  }

  /** Types the command, taps run, and waits for the result the kit writes into the label. */
  async function run(app: HostedApp, command: unknown): Promise<Record<string, unknown>> {
    const before = JSON.parse(app.getText(ElementId.result)) as { seq: number };
    app.setText(ElementId.command, encodeCommand(command));
    app.click(ElementId.run);
    return waitFor(`the result of ${JSON.stringify(command)}`, () => {
      const result = JSON.parse(app.getText(ElementId.result)) as Record<string, unknown>;
      return result.seq === before.seq + 1 && result.done === true ? result : undefined;
    }, 20_000, 10);
  }

  it('runs the built kit: info, a PKCS#12 downloaded as RawBytes, then a request that presents it', async () => {
    const app = await launch(buildKit({ caFingerprint: null }));
    assert.deepEqual(JSON.parse(app.getText(ElementId.result)), { seq: 0, done: true, action: 'none' });
    const info = await run(app, { action: 'info' });
    assert.equal(info.platform, 'ios');
    assert.equal(info.kitVersion, KIT_VERSION);
    assert.equal(info.runtimeVersion, '9.5.0');
    const loaded = await run(app, { action: 'load-rawbytes', source: 'url', input: `${fixture.baseUrl}b.p12`, password: fixture.clientB.password });
    assert.equal(loaded.returned, true, JSON.stringify(loaded));
    const request = await run(app, { action: 'http-request', url: `${fixture.baseUrl}whoami` });
    assert.equal(request.status, 200, JSON.stringify(request));
    assert.equal((JSON.parse(request.body as string) as { cn: string }).cn, fixture.clientB.cn);
  });

  it('keeps RawBytes opaque and calls voltmx.timer callbacks back, in time order', async () => {
    const kit = `
      var VoltmxConformance = { wire: function (w) {
        w.run.onClick = function () {
          var seen = [];
          var raw = voltmx.convertToRawBytes(w.command.text);
          seen.push(typeof raw, raw.text === null, raw instanceof Uint8Array, voltmx.convertToBase64(raw));
          voltmx.timer.schedule('late', function () { seen.push('late'); w.result.text = JSON.stringify(seen); }, 0.4, false);
          voltmx.timer.schedule('early', function () { seen.push('early'); }, 0.01, false);
        };
      } };`;
    const app = await launch(kit);
    const bytes = Buffer.from([0x30, 0x82, 0xff, 0x00, 0x01]).toString('base64');
    app.setText(ElementId.command, bytes);
    app.click(ElementId.run);
    const seen = await waitFor('the timers', () => app.getText(ElementId.result) || undefined, 10_000, 10);
    assert.deepEqual(JSON.parse(seen), ['object', true, false, bytes, 'early', 'late']);
  });

  it('fails to load a kit that touches a host global, as on a device', async () => {
    for (const line of ["print('hello');", 'setTimeout(function () {}, 1);', "var text = readline();", "load('other.js');"]) {
      await assert.rejects(launch(`${line}\nvar VoltmxConformance = { wire: function () {} };`), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'APP_HOST_KIT_FAILED', line);
        assert.match(error.message, /Can't find variable/);
        return true;
      });
    }
    await assert.rejects(launch('var Other = {};'), { code: 'APP_HOST_WIRING_FAILED' });
    await assert.rejects(launch("var VoltmxConformance = { wire: function () { throw new Error('no widgets'); } };"), {
      code: 'APP_HOST_WIRING_FAILED',
      message: /no widgets/,
    });
  });

  it('answers a click after the engine crashed with the crash, and still shows the last result', async () => {
    const before = new Set(jscChildren().map((p) => p.pid));
    const app = await launch(buildKit({ caFingerprint: null }));
    const engine = jscChildren().find((p) => !before.has(p.pid));
    assert.ok(engine, 'the launch started its own jsc');
    process.kill(engine.pid, 'SIGKILL');
    const crash = await waitFor('the crash to show', () => {
      try {
        app.click(ElementId.run);
        return undefined;
      } catch (error) {
        return error as Error & { code?: string };
      }
    }, 10_000, 10);
    assert.equal(crash.code, 'APP_HOST_ENGINE_CRASHED');
    assert.throws(() => app.setText(ElementId.command, 'x'), { code: 'APP_HOST_ENGINE_CRASHED' });
    assert.deepEqual(JSON.parse(app.getText(ElementId.result)), { seq: 0, done: true, action: 'none' });
  });

  it('ends the engine at terminate: no jsc process is left', async () => {
    const app = await launch(buildKit({ caFingerprint: null }));
    assert.ok(jscChildren().length >= 1);
    for (const each of apps.splice(0)) await each.terminate();
    assert.deepEqual(jscChildren(), []);
    assert.doesNotThrow(() => app.getText(ElementId.result));
  });
});

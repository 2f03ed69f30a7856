/**
 * 10. The drop-in kit's engines: the reference-ios host (JavaScriptCore, a `jsc` process per
 * launch behind a stdin/stdout bridge) against the reference-android host (V8, node:vm in
 * process) running the same built kit on the same runtime: a launch, a command that is all
 * bridge (info), and a certificate load plus a request to nginx required-a.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { importOr, type BenchContext } from '../context.js';
import { pairedTimed, ratioFigure } from '../measure.js';
import { NotAvailableError, type Figure } from '../report.js';
import type { BenchSection } from './types.js';

type HostModule = typeof import('../../devices/reference-driver/lib/app-host/index.js');
type HostedApp = import('../../devices/reference-driver/lib/app-host/index.js').HostedApp;
type AppHost = import('../../devices/reference-driver/lib/app-host/index.js').AppHost;

/** What the bridge may cost over an in-process engine, per command that does real work. */
const WORK_TARGET = 1.5;

export const appHostsSection: BenchSection = {
  id: 'app-hosts',
  number: 10,
  title: 'The kit on JavaScriptCore (jsc bridge, reference-ios) vs V8 (node:vm, reference-android)',
  async run(context: BenchContext): Promise<Figure[]> {
    const { hostFor } = await importOr<HostModule>('devices/reference-driver/lib/app-host/index.js', 'the app hosts');
    const { findJsc } = await importOr<typeof import('../../support/tools/index.js')>('support/tools/index.js', 'support/tools');
    const { buildKit } = await importOr<typeof import('../../devices/app-kit/build-kit.js')>('devices/app-kit/build-kit.js', 'the app kit');
    const { encodeCommand } = await importOr<typeof import('../../devices/app-kit/command-envelope.js')>('devices/app-kit/command-envelope.js', 'the command envelope');
    const { createRuntime } = await importOr<typeof import('../../reference/index.js')>('reference/index.js', 'reference/index.ts');
    if (!findJsc().exists) throw new NotAvailableError(`no jsc shell at ${findJsc().path}`);
    const pki = await context.pki();
    const fleet = await context.nginx();
    const bundle = pki.bundle('rsa-a.modern');
    const p12 = (await readFile(bundle.path)).toString('base64');
    const kit = buildKit({ caFingerprint: null });
    const jsc = hostFor('ios');
    const v8 = hostFor('android');
    const launched: { app: HostedApp; shutdown: () => Promise<void> }[] = [];

    const launch = async (host: AppHost) => {
      const runtime = createRuntime({ platform: host === jsc ? 'ios' : 'android', trust: { ca: [pki.serverCa.pem] } });
      const app = await host.launch({ kitSource: kit, runtime, hooks: {} });
      const entry = { app, shutdown: async () => { await app.terminate(); await runtime.shutdown(); } };
      launched.push(entry);
      return entry;
    };
    /** Milliseconds from the tap on run to the result the kit writes. */
    const run = async (app: HostedApp, command: unknown): Promise<number> => {
      const seq = (JSON.parse(app.getText('result')) as { seq: number }).seq;
      const started = performance.now();
      app.setText('command', encodeCommand(command));
      app.click('run');
      for (;;) {
        const result = JSON.parse(app.getText('result')) as { seq: number; done: boolean; appError?: string };
        if (result.seq === seq + 1 && result.done) {
          if (result.appError) throw new Error(`the kit failed: ${result.appError}`);
          return performance.now() - started;
        }
        await sleep(0);
      }
    };
    try {
      const rounds = context.n(3, 9);
      const batch = context.n(5, 20);
      const timedLaunch = (host: AppHost) => async () => {
        let total = 0;
        for (let i = 0; i < batch; i++) {
          const started = performance.now();
          const entry = await launch(host);
          total += performance.now() - started;
          await entry.shutdown();
          launched.pop();
        }
        return total / batch;
      };
      const onApp = async (host: AppHost, commands: unknown[]) => {
        const { app } = await launch(host);
        return async () => {
          let total = 0;
          for (let i = 0; i < batch; i++) for (const command of commands) total += await run(app, command);
          return total / batch;
        };
      };
      const info = [{ action: 'info' }];
      const work = [
        { action: 'load-base64', source: 'base64', input: p12, password: bundle.password },
        { action: 'http-request', url: fleet.url('required-a') },
      ];
      return [
        ratioFigure('app launch: spawn, load the kit, wire the form', 'V8 node:vm launch', await pairedTimed(rounds, timedLaunch(v8), timedLaunch(jsc)), undefined,
          'one jsc process per launch; INFO'),
        ratioFigure('info command (bridge calls only)', 'the same on V8', await pairedTimed(rounds, await onApp(v8, info), await onApp(jsc, info)), undefined,
          'about 15 synchronous bridge calls, nothing else; INFO'),
        ratioFigure('load-base64 + http-request to required-a', 'the same on V8', await pairedTimed(rounds, await onApp(v8, work), await onApp(jsc, work)), WORK_TARGET),
      ];
    } finally {
      for (const entry of launched) await entry.shutdown();
    }
  },
};

/** Test helper: the built kit in the V8 host on a runtime, driven through its widgets as the driver does. */
import type { VoltmxRuntime } from '../../../reference/runtime/contract.js';
import type { KitHostHooks } from '../../reference-driver/lib/app-host/app-host.js';
import { vmHost } from '../../reference-driver/lib/app-host/vm-host.js';
import { buildKit } from '../build-kit.js';
import { encodeCommand } from '../command-envelope.js';

export interface HostedKit {
  /** Types the command (envelope, or a raw string), clicks run and waits for that run to be done. */
  run(command: unknown): Promise<Record<string, unknown>>;
  text(id: 'command' | 'run' | 'result'): string;
  terminate(): Promise<void>;
}

export async function launchKit(runtime: VoltmxRuntime, hooks: KitHostHooks = {}, caFingerprint: string | null = null): Promise<HostedKit> {
  const app = await vmHost.launch({ kitSource: buildKit({ caFingerprint }), runtime, hooks });
  let seq = 0;
  return {
    async run(command) {
      app.setText('command', typeof command === 'string' ? command : encodeCommand(command));
      app.click('run');
      const expected = ++seq;
      const deadline = Date.now() + 30_000;
      // Waits on the label: polled as automation reads it, bounded.
      for (;;) {
        const result = JSON.parse(app.getText('result')) as Record<string, unknown>;
        if (result.seq === expected && result.done === true) return result;
        if (Date.now() > deadline) throw new Error(`run ${expected} not done: ${JSON.stringify(result)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    text: (id) => app.getText(id),
    terminate: () => app.terminate(),
  };
}

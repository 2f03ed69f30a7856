/** Test helper: the built kit in the V8 host on a runtime, driven through its widgets as the driver does. */
import { after, before } from 'node:test';
import { createRuntime } from '../../../reference/index.js';
import type { VoltmxRuntime } from '../../../reference/runtime/contract.js';
import { createTlsFixture, type TlsFixture } from '../../testing/tls-fixture.js';
import type { KitHostHooks } from '../../reference-driver/lib/app-host/app-host.js';
import { vmHost } from '../../reference-driver/lib/app-host/vm-host.js';
import { buildKit } from '../build-kit.js';
import { encodeCommand } from '../command-envelope.js';
import { waitFor } from '../../../support/testing/index.js';

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
      // A label has no change event (a device's has none either): polled as automation reads it, bounded.
      return waitFor(`run ${expected} done`, () => {
        const result = JSON.parse(app.getText('result')) as Record<string, unknown>;
        return result.seq === expected && result.done === true ? result : undefined;
      }, 30_000, 5).catch((error: Error) => { throw new Error(`${error.message}: ${app.getText('result')}`); });
    },
    text: (id) => app.getText(id),
    terminate: () => app.terminate(),
  };
}

/** What a suite of kit tests shares: filled in by its before(), ended by its after(). */
export interface KitOnReference {
  readonly tls: TlsFixture;
  readonly runtime: VoltmxRuntime;
  readonly kit: HostedKit;
}

/**
 * Registers the suite's set-up: a real TLS server (createTlsFixture), an Android reference
 * runtime trusting its CA, and the kit launched on it; all ended after the suite. Read the
 * fields inside tests (they are set in before()).
 */
export function useKitOnReference(): KitOnReference {
  const state = {} as { tls: TlsFixture; runtime: VoltmxRuntime; kit: HostedKit };
  before(async () => {
    state.tls = await createTlsFixture();
    state.runtime = createRuntime({ platform: 'android', trust: { ca: [state.tls.caPem] } });
    state.kit = await launchKit(state.runtime);
  });
  after(async () => {
    await state.kit?.terminate();
    await state.runtime?.shutdown();
    await state.tls?.dispose();
  });
  return state;
}

/**
 * The `voltmx` namespace the kit sees: one launch's VoltmxRuntime as it is (net, io with the
 * File constructor, convertToRawBytes / convertToBase64, timer, os; RawBytes are the
 * runtime's own), plus ui and the reference's own lastLoadFailure diagnostics. Shared by the
 * engine hosts.
 */
import type { VoltmxRuntime } from '../../../../reference/runtime/contract.js';
import type { VoltmxUi } from './widgets.js';

export interface VoltmxNamespace {
  readonly namespace: Record<string, unknown>;
  /** Ends what the namespace itself runs: nothing, the runtime's shutdown() cancels its timers. */
  end(): void;
}

export function voltmxNamespace(runtime: VoltmxRuntime, ui: VoltmxUi): VoltmxNamespace {
  const namespace: Record<string, unknown> = {
    net: Object.freeze({ ...runtime.net }),
    io: Object.freeze({ FileSystem: runtime.io.FileSystem, File: runtime.io.File }),
    convertToRawBytes: runtime.convertToRawBytes.bind(runtime),
    convertToBase64: runtime.convertToBase64.bind(runtime),
    timer: runtime.timer,
    os: runtime.os,
    ui,
  };
  if (runtime.lastLoadFailure) namespace.lastLoadFailure = () => runtime.lastLoadFailure!();
  return { namespace: Object.freeze(namespace), end: () => {} };
}

/**
 * The `voltmx` namespace the kit sees, backed by one launch's VoltmxRuntime: net, io (with
 * the File constructor), convertToRawBytes / convertToBase64, timer, os and ui, plus the
 * reference's own lastLoadFailure diagnostics. Shared by the engine hosts.
 */
import type { VoltmxRuntime } from '../../../../reference/runtime/contract.js';
import type { VoltmxUi } from './widgets.js';

export interface VoltmxNamespace {
  readonly namespace: Record<string, unknown>;
  /** Stops what the namespace itself runs, at the end of the launch (the runtime's timers end with its shutdown). */
  end(): void;
}

export function voltmxNamespace(runtime: VoltmxRuntime, ui: VoltmxUi): VoltmxNamespace {
  const namespace: Record<string, unknown> = {
    net: runtime.net,
    io: runtime.io,
    convertToRawBytes: (base64: string) => runtime.convertToRawBytes(base64),
    convertToBase64: (raw: Parameters<VoltmxRuntime['convertToBase64']>[0]) => runtime.convertToBase64(raw),
    timer: runtime.timer,
    os: runtime.os,
    ui,
  };
  if (runtime.lastLoadFailure) namespace.lastLoadFailure = () => runtime.lastLoadFailure!();
  return { namespace: Object.freeze(namespace), end: () => undefined };
}

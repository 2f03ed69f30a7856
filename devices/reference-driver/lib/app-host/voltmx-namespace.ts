/**
 * The `voltmx` namespace the kit sees, backed by one launch's VoltmxRuntime: net, io (with
 * the File constructor), convertToRawBytes / convertToBase64, timer, os and ui, plus the
 * reference's own lastLoadFailure diagnostics. Shared by the engine hosts.
 */
import type { VoltmxRuntime } from '../../../../reference/runtime/contract.js';
import { runtimeSurfaceShim } from './runtime-surface-shim.js';
import type { VoltmxUi } from './widgets.js';

export interface VoltmxNamespace {
  readonly namespace: Record<string, unknown>;
  /** Stops what the namespace itself runs (timers), at the end of the launch. */
  end(): void;
}

export function voltmxNamespace(runtime: VoltmxRuntime, ui: VoltmxUi): VoltmxNamespace {
  const surface = runtimeSurfaceShim(runtime);
  const net = Object.freeze({ ...runtime.net, HttpRequest: surface.HttpRequest });
  const io = Object.freeze({ FileSystem: runtime.io.FileSystem, File: surface.File });
  const namespace: Record<string, unknown> = {
    net,
    io,
    convertToRawBytes: surface.convertToRawBytes,
    convertToBase64: surface.convertToBase64,
    timer: surface.timer,
    os: surface.os,
    ui,
  };
  if (runtime.lastLoadFailure) namespace.lastLoadFailure = () => runtime.lastLoadFailure!();
  return { namespace: Object.freeze(namespace), end: () => surface.shutdown() };
}

/**
 * A runtime that forwards to another one except where a broken implementation replaces a
 * voltmx.net function. Arguments are forwarded as they came (rest parameters), so the
 * wrapped runtime still checks the argument count itself (101).
 */
import type { LoadFailure, VoltmxNet, VoltmxRuntime } from '../../reference/runtime/contract.js';

type NetFunction = (...args: unknown[]) => unknown;

export interface RuntimeOverrides {
  readonly loadClientCertificate?: NetFunction;
  readonly removeClientCertificate?: NetFunction;
  /** Replaces the HttpRequest constructor (a second launch's, for instance). */
  readonly HttpRequest?: unknown;
  /** Replace invokeServiceAsync and cancel (a second launch's: handles go back where they came from). */
  readonly invokeServiceAsync?: NetFunction;
  readonly cancel?: NetFunction;
  /** Replaces lastLoadFailure (when the wrapper answers loads itself). */
  readonly lastLoadFailure?: () => LoadFailure | null;
  /** Runs after the wrapped runtime has shut down (resources the wrapper made). */
  readonly afterShutdown?: () => void | Promise<void>;
}

/** Forwards every argument as it came, so the inner function still counts them (101). */
const forward = (fn: unknown) => (...args: unknown[]) => (fn as NetFunction)(...args);

export function wrapRuntime(inner: VoltmxRuntime, overrides: RuntimeOverrides): VoltmxRuntime {
  const net = inner.net;
  const call = (name: keyof VoltmxNet) => (...args: unknown[]) => (net[name] as NetFunction)(...args);
  let ended: Promise<void> | null = null;
  // The rest of the voltmx namespace (convert functions, io, timer, os) is the inner runtime's.
  return {
    platform: inner.platform,
    io: inner.io,
    convertToRawBytes: forward(inner.convertToRawBytes) as VoltmxRuntime['convertToRawBytes'],
    convertToBase64: forward(inner.convertToBase64) as VoltmxRuntime['convertToBase64'],
    timer: inner.timer,
    os: inner.os,
    net: {
      loadClientCertificate: overrides.loadClientCertificate ?? call('loadClientCertificate'),
      removeClientCertificate: overrides.removeClientCertificate ?? call('removeClientCertificate'),
      HttpRequest: overrides.HttpRequest ?? net.HttpRequest,
      invokeServiceAsync: overrides.invokeServiceAsync ?? call('invokeServiceAsync'),
      cancel: overrides.cancel ?? call('cancel'),
    } as VoltmxNet,
    lastLoadFailure: overrides.lastLoadFailure ?? (() => inner.lastLoadFailure?.() ?? null),
    shutdown() {
      ended ??= (async () => {
        await inner.shutdown();
        await overrides.afterShutdown?.();
      })();
      return ended;
    },
  };
}

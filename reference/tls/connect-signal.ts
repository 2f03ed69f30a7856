/**
 * How a request tells the agent it gave up: the `connectSignal` request option. Node reports
 * ClientRequest.destroy() only once the agent has handed over a socket, so without this a
 * timed-out request would leave its connect or probe running (docs/decisions.md D9).
 */

/** What the agent needs of an AbortSignal (which satisfies it). */
export interface ConnectSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The request option ClientCertificateAgent reads in createConnection. */
export interface ConnectSignalOption {
  readonly connectSignal?: ConnectSignal;
}

/** Calls `onAbort` once if `signal` fires; returns the detach function (a no-op without a signal). */
export function onAbort(signal: ConnectSignal | undefined, listener: () => void): () => void {
  if (!signal) return noop;
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

function noop(): void {}

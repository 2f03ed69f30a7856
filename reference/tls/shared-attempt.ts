/**
 * One asynchronous attempt shared by several waiters (Android: concurrent first requests to a
 * server share one probe). A waiter may leave through its own signal; when the last waiter
 * has left before the attempt settled, the attempt is cancelled, so nothing runs on for
 * nobody. A waiter without a signal never leaves, so it keeps the attempt alive.
 */
import { onAbort, type ConnectSignal } from './connect-signal.js';

export class SharedAttempt<T> {
  readonly result: Promise<T>;
  private readonly controller = new AbortController();
  private waiters = 0;
  private done = false;

  /** `run` gets the signal that fires when every waiter has left. */
  constructor(run: (signal: AbortSignal) => Promise<T>) {
    this.result = run(this.controller.signal);
    // Also keeps an abandoned attempt's rejection from being unhandled.
    this.result.then(() => { this.done = true; }, () => { this.done = true; });
  }

  get settled(): boolean {
    return this.done;
  }

  /** True once every waiter left before the attempt settled. */
  get abandoned(): boolean {
    return this.controller.signal.aborted;
  }

  /** Waits for the result, or rejects with `left()` as soon as `signal` fires. */
  join(signal: ConnectSignal | undefined, left: () => Error): Promise<T> {
    if (signal?.aborted) return Promise.reject(left());
    this.waiters++;
    if (!signal) return this.result;
    return new Promise<T>((resolve, reject) => {
      const detach = onAbort(signal, () => {
        this.waiters--;
        if (this.waiters === 0 && !this.done) this.controller.abort();
        reject(left());
      });
      this.result.then((value) => { detach(); resolve(value); }, (error: unknown) => { detach(); reject(error); });
    });
  }
}

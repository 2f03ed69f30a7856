/**
 * Test support: waits on events, never on the clock. `untilEvent` re-checks a condition each
 * time an emitter emits (a server's connection opening or closing, a request arriving), so a
 * test waits exactly as long as the thing it waits for; the deadline only names what never came.
 */
import { once, type EventEmitter } from 'node:events';

export interface UntilOptions {
  /** What is awaited, for the error when it never comes. */
  readonly what: string;
  /** A guard against a hang, not a pace: default 10 s. */
  readonly timeoutMs?: number;
}

/** Resolves once `check()` holds: at once, or after one of `events` from `emitter`. */
export function untilEvent(emitter: EventEmitter, events: string | readonly string[], check: () => boolean, options: UntilOptions): Promise<void> {
  if (check()) return Promise.resolve();
  const names = typeof events === 'string' ? [events] : events;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(guard);
      for (const name of names) emitter.off(name, recheck);
    };
    const recheck = (): void => {
      if (!check()) return;
      done();
      resolve();
    };
    const guard = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}`));
    }, timeoutMs);
    for (const name of names) emitter.on(name, recheck);
  });
}

/** The arguments of the next `event` from `emitter` (subscribe before causing it); rejects after the deadline. */
export async function nextEvent(emitter: EventEmitter, event: string, options: UntilOptions): Promise<unknown[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    return await once(emitter, event, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}`);
    throw error;
  }
}

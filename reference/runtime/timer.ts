/**
 * voltmx.timer for one launch: schedule(id, callback, seconds, repeat) / cancel(id). A new
 * schedule under an id in use replaces that timer (a reference decision, D13); shutdown
 * cancels them all, as an exiting app loses its timers.
 */
import type { VoltmxTimer } from './contract.js';
import { InvalidParameterTypeError, expectArgumentCount } from './voltmx-error.js';

export interface LaunchTimer extends VoltmxTimer {
  cancelAll(): void;
}

export function createTimer(): LaunchTimer {
  const timers = new Map<string, NodeJS.Timeout>();
  let ended = false;
  const cancel = (id: string): void => {
    const handle = timers.get(id);
    if (handle === undefined) return;
    clearTimeout(handle);
    clearInterval(handle);
    timers.delete(id);
  };
  return {
    schedule(...args: unknown[]): void {
      expectArgumentCount('timer.schedule', args.length, 3, 4);
      const [id, callback, seconds, repeat = false] = args;
      if (typeof id !== 'string' || id === '') throw new InvalidParameterTypeError('timer.schedule: id must be a non-empty string');
      if (typeof callback !== 'function') throw new InvalidParameterTypeError('timer.schedule: callback must be a function');
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) throw new InvalidParameterTypeError('timer.schedule: seconds must be a number >= 0');
      if (typeof repeat !== 'boolean') throw new InvalidParameterTypeError('timer.schedule: repeat must be a boolean');
      if (ended) return;
      cancel(id);
      const run = (): void => {
        if (!repeat) timers.delete(id);
        (callback as () => void)();
      };
      timers.set(id, repeat ? setInterval(run, seconds * 1000) : setTimeout(run, seconds * 1000));
    },
    cancel(...args: unknown[]): void {
      expectArgumentCount('timer.cancel', args.length, 1);
      if (typeof args[0] !== 'string') throw new InvalidParameterTypeError('timer.cancel: id must be a string');
      cancel(args[0]);
    },
    cancelAll(): void {
      ended = true;
      for (const id of [...timers.keys()]) cancel(id);
    },
  } as LaunchTimer;
}

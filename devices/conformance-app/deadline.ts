/**
 * The app's own limit on waiting for the runtime: the app knows when the runtime has not
 * called back, so a hang is reported as an observation (`timedOut`, with the deadline), not
 * left to the harness, which cannot tell a silent runtime from a dead app.
 */
import { DEFAULT_DEADLINE_MS } from './contract.js';

type Snapshot = () => Record<string, unknown>;

export class Deadline {
  readonly #snapshots: Snapshot[] = [];

  constructor(readonly ms: number) {}

  /** A command's part: what it has seen so far, read (and the runtime let go of) when time runs out. */
  onExpiry(snapshot: Snapshot): void {
    this.#snapshots.push(snapshot);
  }

  /** The observations of every registered part; a part that throws adds nothing. */
  expire(): Record<string, unknown> {
    const seen: Record<string, unknown> = {};
    for (const snapshot of this.#snapshots) {
      try {
        Object.assign(seen, snapshot());
      } catch {
        // letting go of the runtime failed: what was seen is still reported
      }
    }
    return { ...seen, timedOut: true, deadlineMs: this.ms };
  }
}

/** The command's deadlineMs when it is a positive number, else the default. */
export function deadlineOf(command: { deadlineMs?: unknown }): Deadline {
  const ms = command.deadlineMs;
  return new Deadline(typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_DEADLINE_MS);
}

/** `work`'s outcome, or the deadline's observations when it has not settled in time. */
export function withinDeadline<T extends object>(work: Promise<T>, deadline: Deadline): Promise<T | Record<string, unknown>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<Record<string, unknown>>((resolve) => {
    timer = setTimeout(() => resolve(deadline.expire()), deadline.ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** The one way a child process is stopped: SIGTERM, then SIGKILL once a grace period runs out. */
import type { ChildProcess } from 'node:child_process';

export interface StopChildOptions {
  /** How long the child may take to exit after SIGTERM (default 3 s). */
  readonly graceMs?: number;
}

/** Whether the child has neither exited nor been killed by a signal yet. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Resolves once the child has exited; at once if it already has (or never started). */
export function childExited(child: ChildProcess): Promise<void> {
  if (!isRunning(child) || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Stops the child and resolves when it has exited. Idempotent; never throws. */
export async function stopChild(child: ChildProcess, options: StopChildOptions = {}): Promise<void> {
  const exited = childExited(child);
  if (!isRunning(child) || child.pid === undefined) return exited;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      if (isRunning(child)) child.kill('SIGKILL');
      resolve();
    }, options.graceMs ?? 3_000);
  });
  await Promise.race([exited, killed]);
  clearTimeout(timer);
  await exited;
}

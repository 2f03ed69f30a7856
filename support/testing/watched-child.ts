/** A child process a signal test watches: its output so far, its exit, and a kill for `finally`. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';

export interface WatchedChild {
  readonly child: ChildProcess;
  /** stdout and stderr so far, in the order they arrived. */
  output(): string;
  /** Resolves with [exit code, signal] once the child has exited. */
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** True once the child has exited. */
  done(): boolean;
  /** SIGKILL when still running: for `finally`, so a failed test leaves no process. */
  killIfRunning(): void;
}

export function spawnWatched(command: string, args: readonly string[], options: SpawnOptions = {}): WatchedChild {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let done = false;
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  void exited.then(() => { done = true; });
  return {
    child,
    output: () => output,
    exited,
    done: () => done,
    killIfRunning: () => { if (!done) child.kill('SIGKILL'); },
  };
}

/**
 * Appium processes this Node process started, so none outlives it: on exit they get SIGKILL,
 * on SIGINT/SIGTERM SIGTERM, after which the signal's default behaviour is restored and
 * re-raised. Their temp folders are removed synchronously at the same moment, since no
 * asynchronous cleanup runs once the process is going down.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const children = new Map<ChildProcess, readonly string[]>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function killAll(signal: NodeJS.Signals): void {
  for (const [child, dirs] of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

function onExit(): void {
  killAll('SIGKILL');
}

function onSignal(signal: NodeJS.Signals): void {
  killAll('SIGTERM');
  uninstall();
  // Only re-raise when nobody else handles it, so a test runner's own handling still works.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off('exit', onExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** `dirs`: temp folders of this server to remove if the process goes down before stop(). */
export function track(child: ChildProcess, dirs: readonly string[] = []): void {
  if (children.size === 0) install();
  children.set(child, dirs);
}

export function untrack(child: ChildProcess): void {
  if (!children.delete(child)) return;
  if (children.size === 0) uninstall();
}

/**
 * The process's one cleanup path. Every started resource (server fleet, container, Appium,
 * PKI folder, run folder) registers here; SIGINT, SIGTERM, an uncaught error, the event loop
 * running dry and process.exit() all run what is still registered, each entry once.
 *
 * Process-wide on purpose: signals and exit are process-wide, and one handler with one rule
 * replaces several whose outcome depended on the order they were installed in. The rule:
 * - SIGINT / SIGTERM / SIGHUP: interrupt listeners first (an owner such as `run` stops in
 *   order and says so), then every remaining cleanup, newest first; then exit 128 + the signal
 *   number (130 / 143 / 129). A second signal does not cut that short; the grace period
 *   running out falls back to the synchronous cleanups and exits at once.
 * - uncaught error (or unhandled rejection): print it as Node would, clean up, exit 1.
 * - event loop empty with entries left: run them (the loop then ends by itself).
 * - process.exit() by anyone: only synchronous work is possible there, so each entry's `sync`
 *   fallback runs (SIGKILL a child by PID, remove a folder with rmSync).
 * Handlers are installed only while something is registered, so a process with nothing to
 * clean keeps Node's default behaviour.
 */
import { constants } from 'node:os';
import { inspect } from 'node:util';

/** SIGHUP too: a closed terminal must not leave `servers up`'s keys behind either. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
export const INTERRUPT_SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** 128 + the signal number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP (the shell convention). */
export const interruptedExitCode = (signal: InterruptSignal): number => 128 + constants.signals[signal];

/** How long a shutdown may take before the synchronous fallbacks run (VOLTMX_CLEANUP_GRACE_MS overrides). */
export const SHUTDOWN_GRACE_MS = 30_000;
export const GRACE_ENV = 'VOLTMX_CLEANUP_GRACE_MS';

function graceMs(): number {
  const given = Number(process.env[GRACE_ENV]);
  return Number.isFinite(given) && given > 0 ? given : SHUTDOWN_GRACE_MS;
}

export interface CleanupOptions {
  /**
   * What still works inside a process 'exit' handler, where nothing asynchronous runs:
   * SIGKILL a child by PID, rmSync a folder. Used on process.exit() or an expired grace
   * period, when the asynchronous cleanup did not finish.
   */
  readonly sync?: () => void;
}

export interface CleanupHandle {
  /** Runs the cleanup once (later calls share the promise); the entry goes when it settles. */
  run(): Promise<void>;
  /** Forgets the entry without running it (the resource was handed over or kept on purpose). */
  release(): void;
}

export type InterruptListener = (signal: InterruptSignal) => void | Promise<void>;

interface Entry {
  readonly name: string;
  readonly cleanup: () => void | Promise<void>;
  readonly sync?: () => void;
  running?: Promise<void>;
}

const entries: Entry[] = [];
const listeners = new Set<InterruptListener>();
let installed = false;
let shuttingDown: Promise<never> | undefined;

const report = (line: string): void => {
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    // stderr closed: nothing left to tell
  }
};

function runEntry(entry: Entry): Promise<void> {
  entry.running ??= (async () => {
    try {
      await entry.cleanup();
    } finally {
      forget(entry);
    }
  })();
  return entry.running;
}

function forget(entry: Entry): void {
  const at = entries.indexOf(entry);
  if (at >= 0) entries.splice(at, 1);
  updateHandlers();
}

/** Every registered cleanup, newest first (a fleet stops before the PKI it serves). */
async function runAll(): Promise<void> {
  while (entries.length > 0) {
    const entry = entries[entries.length - 1];
    try {
      await runEntry(entry);
    } catch (error) {
      report(`cleanup of ${entry.name} failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }
}

/** The synchronous fallbacks of whatever is still registered. */
function runSync(): void {
  for (const entry of [...entries].reverse()) {
    try {
      entry.sync?.();
    } catch {
      // best effort: the process is going down
    }
  }
  entries.length = 0;
}

function shutdown(code: number, first: () => Promise<void>): Promise<never> {
  shuttingDown ??= (async () => {
    const ms = graceMs();
    const grace = setTimeout(() => {
      report(`cleanup did not finish within ${ms} ms; forcing it`);
      runSync();
      process.exit(code);
    }, ms);
    try {
      await first();
      await runAll();
    } finally {
      clearTimeout(grace);
    }
    process.exit(code);
  })();
  return shuttingDown;
}

let received: InterruptSignal | undefined;

function onSignal(signal: InterruptSignal): void {
  const code = interruptedExitCode(signal);
  if (received) {
    // A second Ctrl-C does not cut the cleanup short (what it stops would stay behind); the
    // grace period bounds the wait.
    report(`${signal}: still cleaning up (for at most ${graceMs()} ms)`);
    return;
  }
  received = signal;
  void shutdown(code, async () => {
    await Promise.allSettled([...listeners].map(async (listener) => listener(signal)));
  });
}

function onUncaught(error: unknown): void {
  if (shuttingDown) {
    report(`during cleanup: ${inspect(error)}`);
    return;
  }
  report(`uncaught ${inspect(error)}`);
  void shutdown(1, async () => undefined);
}

function onBeforeExit(): void {
  if (!shuttingDown && entries.length > 0) void runAll();
}

function onExit(): void {
  runSync();
}

function updateHandlers(): void {
  const wanted = entries.length > 0 || listeners.size > 0 || shuttingDown !== undefined;
  if (wanted === installed) return;
  installed = wanted;
  const method = wanted ? 'on' : 'off';
  for (const signal of INTERRUPT_SIGNALS) process[method](signal, onSignal);
  process[method]('uncaughtException', onUncaught);
  process[method]('beforeExit', onBeforeExit);
  process[method]('exit', onExit);
}

/** Registers a started resource; its owner stops it with `handle.run()`. */
export function registerCleanup(name: string, cleanup: () => void | Promise<void>, options: CleanupOptions = {}): CleanupHandle {
  const entry: Entry = { name, cleanup, ...(options.sync ? { sync: options.sync } : {}) };
  entries.push(entry);
  updateHandlers();
  return { run: () => runEntry(entry), release: () => forget(entry) };
}

/**
 * Called on the first SIGINT / SIGTERM before the registered cleanups run; the exit waits for
 * the promise it returns (within the grace period). Returns the function that removes it.
 */
export function onInterrupt(listener: InterruptListener): () => void {
  listeners.add(listener);
  updateHandlers();
  return () => {
    listeners.delete(listener);
    updateHandlers();
  };
}

/** Resolves with the signal when SIGINT or SIGTERM arrives (for commands that serve until then). */
export function untilInterrupted(): Promise<InterruptSignal> {
  return new Promise((resolve) => {
    const off = onInterrupt((signal) => {
      off();
      resolve(signal);
    });
  });
}

/** The signal being handled, if a shutdown by signal is under way. */
export const interruptReceived = (): InterruptSignal | undefined => received;

/**
 * The end of a command-line program: runs every remaining cleanup, then exits with `code`.
 * When a signal's shutdown is already under way, that one decides the exit (130 / 143).
 */
export async function exitAfterCleanup(code: number): Promise<never> {
  if (shuttingDown) return shuttingDown;
  return shutdown(code, async () => undefined);
}

/** What is registered right now, newest last (for diagnostics and tests). */
export const registeredCleanups = (): string[] => entries.map((e) => e.name);

/**
 * How `voltmx-conformance run` takes part in the process's one cleanup path
 * (support/cleanup): on SIGINT/SIGTERM the registry calls this listener first, which aborts the
 * run (the WebdriverIO workers, Appium, the server fleet and the PKI are stopped in order), and
 * the registry's exit (128 + the signal number: 130 / 143) waits until the run said so.
 * WebdriverIO's launcher exits the process on these signals itself (through async-exit-hook)
 * once its workers are down; a hook registered there too makes that exit wait for our teardown
 * (async-exit-hook gives up after 10 s; the registry's exit handler then still removes what is
 * left synchronously).
 * Importing @wdio/cli also loads create-wdio, whose modules add SIGINT listeners that print
 * "Goodbye" and process.exit(1) at once; they are set aside while the run's listener is in place.
 */
import { createRequire } from 'node:module';
import { interruptedExitCode, onInterrupt, type InterruptSignal } from '../../../support/index.js';
import { RunInterruptedError } from '../../run/errors.js';

type HandledSignal = InterruptSignal;

export { interruptedExitCode };

type ExitHook = (hook: (done: () => void) => void) => void;

/** What the launcher-driven exit waits for; one hook per process, since hooks cannot be removed. */
let teardown: Promise<void> | undefined;
let hookRegistered = false;

function registerLauncherExitHook(): void {
  if (hookRegistered) return;
  try {
    // The same module instance the launcher uses: resolved from @wdio/cli, not from here.
    const exitHook = createRequire(import.meta.resolve('@wdio/cli'))('async-exit-hook') as ExitHook;
    exitHook((done) => void (teardown ?? Promise.resolve()).finally(done));
    hookRegistered = true;
  } catch {
    // Another WebdriverIO layout: its exit then only waits for its own workers.
  }
}

/** create-wdio's import-time SIGINT listeners: `() => printAndExit(void 0, "SIGINT")`. */
const isCreateWdioExit = (listener: unknown): boolean => /printAndExit\(void 0, "SIGINT"\)/.test(String(listener));

export interface InterruptHandler {
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  received(): HandledSignal | undefined;
  /** Call once the run is over and said so: a launcher-driven exit waits until then. */
  dispose(): void;
}

export function installInterruptHandler(notify: (line: string) => void): InterruptHandler {
  const controller = new AbortController();
  let finished!: () => void;
  teardown = new Promise<void>((resolve) => { finished = resolve; });
  let received: HandledSignal | undefined;
  const run = teardown;
  const stopListening = onInterrupt((signal) => {
    received = signal;
    notify(`\ninterrupted by ${signal}: stopping the devices, Appium and the servers ...`);
    controller.abort(new RunInterruptedError(signal));
    return run; // the registry's exit waits for dispose()
  });
  const setAside = process.listeners('SIGINT').filter(isCreateWdioExit);
  for (const l of setAside) process.off('SIGINT', l);
  registerLauncherExitHook();
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      stopListening();
      for (const l of setAside) process.on('SIGINT', l);
      finished();
    },
  };
}

/** The support layer: process-wide helpers below servers/ and devices/; it imports no other layer. */
export { stopChild, isRunning, childExited, type StopChildOptions } from './cleanup/stop-child.js';
export {
  registerCleanup, onInterrupt, untilInterrupted, exitAfterCleanup, interruptedExitCode, interruptReceived, registeredCleanups,
  INTERRUPT_SIGNALS, SHUTDOWN_GRACE_MS, GRACE_ENV, type CleanupHandle, type CleanupOptions, type InterruptListener, type InterruptSignal,
} from './cleanup/cleanup-registry.js';
export {
  ConformanceError, ServersError, DevicesError, HarnessError, SpecsError, SupportError, BenchError, InteropError,
  type ErrorNamespace,
} from './errors/index.js';

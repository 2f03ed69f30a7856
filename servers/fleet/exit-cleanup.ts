/**
 * Stops started fleets when the process is interrupted. One listener per signal is installed
 * while at least one fleet runs, and removed when the last one stops.
 */
type Cleanup = () => Promise<void>;

const pending = new Set<Cleanup>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function onSignal(signal: NodeJS.Signals): void {
  // Someone else (e.g. serversUp) handles the signal: clean up and let them decide to exit.
  const handledElsewhere = process.listenerCount(signal) > 1;
  const all = [...pending];
  pending.clear();
  uninstall();
  void Promise.allSettled(all.map((c) => c())).finally(() => {
    // Otherwise keep the default behaviour: die of the same signal.
    if (!handledElsewhere) process.kill(process.pid, signal);
  });
}

function install(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
}

export function registerCleanup(cleanup: Cleanup): () => void {
  if (pending.size === 0) install();
  pending.add(cleanup);
  return () => {
    if (pending.delete(cleanup) && pending.size === 0) uninstall();
  };
}

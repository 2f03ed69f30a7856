/**
 * `servers up`: the PKI and the fleet, until SIGINT/SIGTERM, for runs on real devices driven
 * by hand. The work is servers/fleet's serversUp; this maps CLI options onto it.
 */
import { serversUp } from '../../../servers/fleet/servers-up.js';
import { onInterrupt } from '../../../support/index.js';
import type { CliIo, Values } from '../io.js';
import { backendOption } from './shared-options.js';
import { fleetOptions, pkiChoice } from './fleet-options.js';
import { loadPersistentPki } from '../../../servers/pki/persistent/index.js';

/**
 * On SIGINT/SIGTERM/SIGHUP the process's cleanup path (support/cleanup) tells this command
 * first and waits until it has stopped the fleet and removed the PKI (a signal during start-up
 * lets the start finish, then stops it), then exits 130 / 143 / 129. `stopSignal` replaces the
 * signals (tests).
 */
export async function serversUpCommand(
  values: Values, io: CliIo, stopSignal?: Promise<unknown>, env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const backend = backendOption(values.servers);
  const { network, hosts } = fleetOptions(values, 'servers up');
  const choice = pkiChoice(values, [], env);
  const loaded = choice ? await loadPersistentPki(choice.dir) : undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => { finished = resolve; });
  let stopListening = (): void => undefined;
  const stop = stopSignal ?? new Promise<unknown>((resolve) => {
    stopListening = onInterrupt((signal) => {
      resolve(signal);
      return done;
    });
  });
  try {
    await serversUp({
      backend,
      keep: values['keep-pki'] === true,
      extraHostNames: hosts,
      network,
      ...(hosts[0] ? { urlHost: hosts[0] } : {}),
      ...(loaded ? { persistent: { roots: loaded.roots, serverCaPath: loaded.serverCa } } : {}),
      print: (line) => io.out(line),
      until: stop.then(() => io.out('stopping')),
    });
  } finally {
    stopListening();
    finished();
  }
  return 0;
}

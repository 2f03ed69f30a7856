/**
 * `servers up`: the PKI and the fleet, until SIGINT/SIGTERM, for runs on real devices driven
 * by hand. The work is servers/fleet's serversUp; this maps CLI options onto it.
 */
import { once } from 'node:events';
import { serversUp } from '../../../servers/fleet/servers-up.js';
import type { CliIo, Values } from '../io.js';
import { backendOption } from './shared-options.js';
import { fleetOptions, pkiChoice } from './fleet-options.js';
import { loadPersistentPki } from '../../../servers/pki/persistent/index.js';

export async function serversUpCommand(
  values: Values, io: CliIo, stopSignal: Promise<unknown> = signalled(), env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const backend = backendOption(values.servers);
  const { network, hosts } = fleetOptions(values, 'servers up');
  const choice = pkiChoice(values, [], env);
  const loaded = choice ? await loadPersistentPki(choice.dir) : undefined;
  await serversUp({
    backend,
    keep: values['keep-pki'] === true,
    extraHostNames: hosts,
    network,
    ...(hosts[0] ? { urlHost: hosts[0] } : {}),
    ...(loaded ? { persistent: { roots: loaded.roots, serverCaPath: loaded.serverCa } } : {}),
    print: (line) => io.out(line),
    until: stopSignal.then(() => io.out('stopping')),
  });
  return 0;
}

function signalled(): Promise<unknown> {
  return Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
}

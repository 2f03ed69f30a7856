/**
 * `servers up`: the PKI and the fleet, until SIGINT/SIGTERM, for runs on real devices driven
 * by hand. The work is servers/fleet's serversUp; this maps CLI options onto it.
 */
import { once } from 'node:events';
import { serversUp } from '../../../servers/fleet/servers-up.js';
import type { CliIo, Values } from '../io.js';
import { backendOption } from './shared-options.js';

export async function serversUpCommand(values: Values, io: CliIo, stopSignal: Promise<unknown> = signalled()): Promise<number> {
  await serversUp({
    backend: backendOption(values.servers),
    keep: values['keep-pki'] === true,
    extraHostNames: Array.isArray(values.host) ? values.host : [],
    print: (line) => io.out(line),
    until: stopSignal.then(() => io.out('stopping')),
  });
  return 0;
}

function signalled(): Promise<unknown> {
  return Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
}

/**
 * `servers up`: the PKI and the fleet, until SIGINT/SIGTERM, for runs on real devices driven
 * by hand. The work is servers/fleet's serversUp; this maps CLI options onto it.
 */
import { serversUp } from '../../../servers/fleet/servers-up.js';
import { untilInterrupted } from '../../../support/index.js';
import type { CliIo, Values } from '../io.js';
import { backendOption } from './shared-options.js';

/**
 * On SIGINT/SIGTERM the process's cleanup path (support/cleanup) stops the fleet and removes
 * the PKI, and the process exits 130 / 143 once they are gone.
 */
export async function serversUpCommand(values: Values, io: CliIo, stopSignal: Promise<unknown> = untilInterrupted()): Promise<number> {
  await serversUp({
    backend: backendOption(values.servers),
    keep: values['keep-pki'] === true,
    extraHostNames: Array.isArray(values.host) ? values.host : [],
    print: (line) => io.out(line),
    until: stopSignal.then(() => io.out('stopping')),
  });
  return 0;
}

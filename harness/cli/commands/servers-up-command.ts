/**
 * `servers up`: the PKI and the fleet, until SIGINT/SIGTERM, for runs on real devices driven
 * by hand. Bundle passwords are never printed: they are in a 0600 file in the PKI folder.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ServerFleet } from '../../../servers/fleet/server-fleet.js';
import { createTestPki } from '../../../servers/pki/index.js';
import type { CliIo, Values } from '../io.js';
import { backendOption } from './shared-options.js';

export async function serversUpCommand(values: Values, io: CliIo, stopSignal: Promise<unknown> = signalled()): Promise<number> {
  const backend = backendOption(values.servers);
  const pki = await createTestPki({ keep: values['keep-pki'] === true });
  try {
    const passwords = join(pki.dir, 'passwords.json');
    await writeFile(passwords, JSON.stringify(Object.fromEntries(Object.values(pki.bundles).map((b) => [b.fileName, b.password])), null, 2), { mode: 0o600 });
    const fleet = await new ServerFleet(pki).withBackend(backend).start();
    try {
      io.out(`servers (${backend}):`);
      for (const e of fleet.endpoints()) io.out(`  ${e.scenario.padEnd(28)} ${e.origin}`);
      io.out(`server CA (what the app must trust): ${pki.serverCa.path}`);
      io.out(`PKCS#12 bundles: ${pki.dir} (served at <origin>/p12/<file>); passwords in ${passwords}`);
      io.out('ready; Ctrl-C stops the servers and removes the PKI');
      await stopSignal;
      io.out('stopping');
    } finally {
      await fleet.stop();
    }
  } finally {
    await pki.dispose();
  }
  return 0;
}

function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

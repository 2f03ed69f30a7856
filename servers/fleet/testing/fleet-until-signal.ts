// Child process for exit-cleanup.test.ts: starts an nginx fleet on the parent's PKI (passed as
// a JSON file), prints nginx's PID and the fleet folder, and waits to be signalled: the
// fleet's own handler must clean up and re-raise the signal.
import { readFile } from 'node:fs/promises';
import type { TestPki } from '../../pki/types.js';
import { ServerFleet } from '../server-fleet.js';

const data = JSON.parse(await readFile(process.argv[2], 'utf8')) as TestPki;
const pki: TestPki = { ...data, bundle: (name) => data.bundles[name], dispose: async () => undefined };
const fleet = await new ServerFleet(pki).withBackend('nginx').withScenarios(['no-client-auth']).start();
process.stdout.write(`${JSON.stringify({ pid: fleet.resources().pids[0], workDir: fleet.workDir })}\n`);
setInterval(() => undefined, 1000);

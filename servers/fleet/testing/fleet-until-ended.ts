// Child process for fleet-exit-paths.test.ts: creates a real test PKI and an nginx fleet in
// its TMPDIR, prints nginx's PID and both folders, then ends as argv[2] says: 'wait' (for the
// parent's signal), 'throw' (an uncaught error) or 'exit' (process.exit without stopping);
// 'start' prints the PKI folder first, for a signal the parent sends once the fleet's folder
// appears, mid-start. Nothing here stops the fleet: the process's cleanup path must.
import { createTestPki } from '../../pki/index.js';
import { ServerFleet } from '../server-fleet.js';

const mode = process.argv[2];
const pki = await createTestPki();
if (mode === 'start') {
  process.stdout.write(`${JSON.stringify({ pkiDir: pki.dir })}\n`);
}
const fleet = await new ServerFleet(pki).withBackend('nginx').withScenarios(['no-client-auth']).start();
process.stdout.write(`${JSON.stringify({ pid: fleet.resources().pids[0], workDir: fleet.workDir, pkiDir: pki.dir })}\n`);
if (mode === 'wait' || mode === 'start') setInterval(() => undefined, 1000);
else if (mode === 'throw') setTimeout(() => { throw new Error('fleet holder failed'); }, 50);
else if (mode === 'exit') setTimeout(() => process.exit(0), 50);
else throw new Error(`unknown mode ${mode}`);

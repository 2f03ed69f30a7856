/** Stage 2, fleet: the run's test PKI and the server fleet (the judges) on it. */
import type { StartedServerFleet } from '../../../servers/fleet/server-fleet.js';
import type { CreatedTestPki } from '../../../servers/pki/index.js';
import type { MutableTimings, RunOptions } from '../run-options.js';
import { startRunFleet, startRunPki } from '../run-environment.js';
import type { RunPlan } from './plan.js';
import type { RunTeardown } from './teardown.js';

export interface RunFleet {
  readonly pki: CreatedTestPki;
  readonly fleet: StartedServerFleet;
}

export async function startFleet(plan: RunPlan, options: RunOptions, timings: MutableTimings, teardown: RunTeardown, checkpoint: () => void): Promise<RunFleet> {
  const { log } = options;
  const pki = await startRunPki({ keepPki: options.keepPki, hosts: plan.hostNames, ...(options.persistentPki ? { persistentPki: options.persistentPki } : {}) }, log, (ms) => { timings.pkiMs = ms; });
  if (!options.keepPki) teardown.add(() => pki.dispose());
  checkpoint();
  const fleet = await startRunFleet(pki, { backend: options.backend, ...(options.network ? { network: options.network } : {}) }, log, (ms) => { timings.fleetMs = ms; });
  teardown.add(() => fleet.stop(), 'stopping servers');
  return { pki, fleet };
}

/**
 * Stage 1, plan: what the run will do, decided before anything starts (devices, the host names
 * the server certificate must carry, where reports go). Pure: nothing is started here.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceProfile } from '../../../devices/profiles/index.js';
import type { ReachOptions } from '../device-reach.js';
import { devicesOfProfiles, type RunDevice } from '../devices-file.js';
import type { RunOptions } from '../run-options.js';

export interface RunPlan {
  readonly devices: readonly RunDevice[];
  /** The distinct profiles of the devices (preparation, Appium drivers). */
  readonly profiles: readonly DeviceProfile[];
  /** Every host a device uses: the server certificate must name each one. */
  readonly hostNames: readonly string[];
  readonly reach: ReachOptions;
  readonly reportDir: string;
  /** The spec files, as absolute paths. */
  readonly specs: readonly string[];
}

export const specPath = (spec: string): string => (spec.startsWith('file:') ? fileURLToPath(spec) : resolve(spec));

export function planRun(options: RunOptions): RunPlan {
  const reach = options.reach ?? {};
  const devices = options.devices ?? devicesOfProfiles(options.profiles ?? []);
  return {
    devices,
    profiles: [...new Set(devices.map((d) => d.profile))],
    hostNames: [...new Set([...(reach.hosts ?? []), ...devices.flatMap((d) => (d.host ? [d.host] : []))])],
    reach,
    reportDir: resolve(options.reportDir),
    specs: options.specs.map(specPath),
  };
}

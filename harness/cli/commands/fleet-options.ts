/** --pki, --bind, --host, --ports: checked before anything starts (usage errors, exit 2). */
import type { DeviceProfile } from '../../../devices/profiles/index.js';
import { FleetNetworkError } from '../../../servers/backend-kit/errors.js';
import { checkBindAddress, parsePortRange, type FleetNetwork } from '../../../servers/fleet/network.js';
import { fleetPortPlan } from '../../../servers/fleet/server-fleet.js';
import { findJavaSync } from '../../../servers/java/java-tools.js';
import { SCENARIOS } from '../../../servers/scenarios/catalog.js';
import { InvalidHostNameError } from '../../../servers/pki/errors.js';
import { resolvePkiDir } from '../../../servers/pki/persistent/index.js';
import { generalName } from '../../../servers/pki/subject-alt-name.js';
import { UsageError } from '../errors.js';
import type { Values } from '../io.js';

export interface FleetOptions {
  readonly network: FleetNetwork;
  readonly hosts: readonly string[];
}

export function fleetOptions(values: Values, command: string): FleetOptions {
  const hosts = (values.host as string[] | undefined) ?? [];
  try {
    hosts.forEach(generalName);
    const bind = typeof values.bind === 'string' ? checkBindAddress(values.bind) : undefined;
    const ports = typeof values.ports === 'string' ? parsePortRange(values.ports) : undefined;
    // A range too small for the fleet (and the Java judge, which run and servers up start when javac is there): said now, not after the PKI.
    fleetPortPlan(ports, SCENARIOS.length, findJavaSync());
    return { network: { ...(bind ? { bind } : {}), ...(ports ? { ports } : {}) }, hosts };
  } catch (error) {
    if (error instanceof FleetNetworkError) throw new UsageError(error.message, command);
    if (error instanceof InvalidHostNameError) throw new UsageError(`--host: ${error.message}`, command);
    throw error;
  }
}

export interface PkiChoice {
  readonly dir: string;
  /** Why this run uses the persistent PKI, said in the log. */
  readonly why: string;
}

/**
 * --pki [dir] (given as "" without a folder) always; otherwise the persistent PKI when a
 * profile's app trusts a built-in CA (android-emulator, ios-simulator); else none (throwaway).
 */
export function pkiChoice(values: Values, profiles: readonly DeviceProfile[], env: NodeJS.ProcessEnv): PkiChoice | undefined {
  const given = values.pki as string | undefined;
  const realDevices = profiles.filter((p) => p.trustsBuiltInCa).map((p) => p.name);
  if (given === undefined && realDevices.length === 0) return undefined;
  const dir = resolvePkiDir(given || undefined, env);
  return {
    dir,
    why: given !== undefined
      ? `--pki: certificates issued under the persistent test PKI in ${dir}`
      : `${realDevices.join(', ')}: the app trusts the persistent test PKI's server CA, so this run uses ${dir} (--pki <dir> chooses another folder)`,
  };
}

/**
 * Where the fleet listens: --bind (default 127.0.0.1) and a fixed --ports plan, so a firewall
 * rule, `adb reverse` or a farm tunnel can be set up ahead. Binding beyond loopback exposes the
 * fleet to that network: exposureWarning() says so, and the fleet then serves only what the
 * specs need (see scenarios/downloads.ts).
 */
import { isIP } from 'node:net';
import { FleetNetworkError } from '../backend-kit/errors.js';

export const DEFAULT_BIND = '127.0.0.1';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export interface FleetNetwork {
  /** An IP address to listen on (default 127.0.0.1); 0.0.0.0 / :: for every interface. */
  readonly bind?: string;
  /**
   * Fixed ports: scenario i of the catalog order listens on from + i, then the Java judge's
   * scenarios (when it runs) on the ports after them. Default: free ports.
   */
  readonly ports?: PortRange;
}

export function parsePortRange(text: string): PortRange {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || from < 1 || to > 65_535 || to < from) {
    throw new FleetNetworkError(`--ports must be <from>-<to> with 1 <= from <= to <= 65535 (got "${text}")`);
  }
  return { from, to };
}

export function checkBindAddress(address: string): string {
  if (isIP(address) === 0) throw new FleetNetworkError(`--bind must be an IP address (got "${address}"); use --host for names`);
  return address;
}

export function isLoopback(address: string): boolean {
  return address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));
}

export const isWildcard = (address: string): boolean => address === '0.0.0.0' || address === '::';

/**
 * The addresses each server listens on. Any address that does not cover 127.0.0.1 gets it too:
 * the harness's own readiness and health checks (and the reference devices) use loopback.
 * '::' counts as IPv6 only (nginx's default; Node is told ipv6Only), so it gets 127.0.0.1 too.
 */
export function listenAddresses(bind: string = DEFAULT_BIND): string[] {
  checkBindAddress(bind);
  return bind.startsWith('127.') || bind === '0.0.0.0' ? [bind] : [bind, DEFAULT_BIND];
}

/** The fixed port of each of `count` scenarios, or undefined for free ports; `breakdown` explains the count. */
export function plannedPorts(range: PortRange | undefined, count: number, breakdown?: string): number[] | undefined {
  if (!range) return undefined;
  const size = range.to - range.from + 1;
  if (size < count) {
    throw new FleetNetworkError(`--ports ${range.from}-${range.to} has ${size} ports; the fleet needs ${count}${breakdown ? ` (${breakdown})` : ''}`);
  }
  return Array.from({ length: count }, (_, i) => range.from + i);
}

/** Printed when the fleet starts beyond loopback; null on loopback. */
export function exposureWarning(bind: string, ports: readonly number[], downloadScenario: string | undefined): string | null {
  if (isLoopback(bind)) return null;
  const where = isWildcard(bind) ? `every interface (${bind})` : bind;
  const range = ports.length ? `ports ${Math.min(...ports)}-${Math.max(...ports)}` : 'its ports';
  return [
    `WARNING: the server fleet listens on ${where}, beyond loopback: anyone on that network can reach ${range}.`,
    `  It serves test certificates only, but /p12/ hands out client bundles (test keys): exposed, it serves /p12/`,
    `  only on ${downloadScenario ?? 'no scenario'} and only the bundles the specs download. Use a lab network or a firewall rule.`,
  ].join('\n');
}

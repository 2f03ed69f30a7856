/**
 * Test-only: a network namespace joined to this machine by a veth pair, with addresses from
 * RFC 5737 TEST-NET-2 (198.51.100.0/30), so a process inside cannot see the host's loopback,
 * only the host end of the pair. Everything is removed by dispose(), which never throws.
 * Traffic on this pair never leaves the machine: no route beyond the /30, no forwarding set up.
 */
import { execFileSync } from 'node:child_process';

export const HOST_ADDRESS = '198.51.100.1';
export const NAMESPACE_ADDRESS = '198.51.100.2';

export interface VethNamespace {
  readonly name: string;
  readonly hostInterface: string;
  /** Prefix for a command run inside the namespace (`ip netns exec <name>`). */
  readonly execPrefix: readonly string[];
  dispose(): void;
}

const ip = (args: string[]): void => {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
};

/** Why namespaces cannot be made here, or null when they can. */
export function namespaceUnavailable(): string | null {
  if (process.platform !== 'linux') return `network namespaces are Linux only (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'creating a network namespace needs root';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'no `ip` command (Debian: apt-get install iproute2)';
  }
  return null;
}

export function createVethNamespace(tag = String(process.pid)): VethNamespace {
  const id = tag.slice(-6);
  const name = `voltmx-test-${id}`;
  // Interface names have at most 15 characters.
  const hostInterface = `vmxh${id}`;
  const peer = `vmxn${id}`;
  const dispose = () => {
    for (const args of [['link', 'del', hostInterface], ['netns', 'del', name]]) {
      try {
        ip(args);
      } catch {
        // not made, or already gone
      }
    }
  };
  try {
    ip(['netns', 'add', name]);
    ip(['link', 'add', hostInterface, 'type', 'veth', 'peer', 'name', peer]);
    ip(['link', 'set', peer, 'netns', name]);
    ip(['addr', 'add', `${HOST_ADDRESS}/30`, 'dev', hostInterface]);
    ip(['link', 'set', hostInterface, 'up']);
    ip(['netns', 'exec', name, 'ip', 'addr', 'add', `${NAMESPACE_ADDRESS}/30`, 'dev', peer]);
    ip(['netns', 'exec', name, 'ip', 'link', 'set', peer, 'up']);
    ip(['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
  } catch (error) {
    dispose();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`cannot set up the test's network namespace: ${stderr || (error as Error).message}`);
  }
  return { name, hostInterface, execPrefix: ['ip', 'netns', 'exec', name], dispose };
}

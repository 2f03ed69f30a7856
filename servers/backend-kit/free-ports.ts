import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';

/** Distinct free loopback ports, for backends that need their ports before they start. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
    }
    return servers.map((s) => (s.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

/** Picks the ports a backend binds when the user gave none (--ports). */
export type PortPicker = (count: number) => Promise<number[]>;

/** Tries with fresh ports: a probed port is free only until someone else binds it. */
export const PORT_ATTEMPTS = 3;

/**
 * Starts a backend on the given ports, or on picked ones, picking again when another process
 * took one between the probe and the bind. Given ports are the user's: never replaced.
 */
export async function startOnPorts<T>(
  count: number,
  given: readonly number[] | undefined,
  pick: PortPicker,
  start: (ports: readonly number[]) => Promise<T>,
): Promise<T> {
  if (given) return start(given);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(await pick(count));
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !/Address already in use|EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

/** For --ports tests: the first of `count` consecutive loopback ports that are all free right now. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';

export async function freePortRange(count: number, attempts = 20): Promise<number> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    // Below Linux's ephemeral range (32768-60999), where every outgoing connection and every
    // listen(0) of a parallel test takes its port between our probe and the fleet's bind.
    const from = 20_000 + Math.floor(Math.random() * (32_000 - 20_000 - count));
    const servers: Server[] = [];
    try {
      for (let port = from; port < from + count; port += 1) {
        const server = createServer();
        servers.push(server);
        server.listen(port, '127.0.0.1');
        await once(server, 'listening');
      }
      return from;
    } catch {
      // one of them is taken: try another range
    } finally {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/**
 * Requests to URLs that are not a fleet scenario (a closed port, a silent listener on the
 * fleet's bind address), through the same commands as App.request. Only for transport-error specs.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { runContext } from '../support/device.js';
import type { HttpRequestResult, InvokeServiceResultView } from '../../devices/conformance-app/contract.js';
import type { App } from '../support/app.js';
import { commandStep, type Step } from '../support/steps.js';

/** Where the devices reach this host: the fleet's bind address (a device may not see our loopback). */
const listenAddress = (): string => runContext().bind ?? '127.0.0.1';

/** A URL on this host, as the device reaches it. */
export function hostUrl(app: App, port: number, path = '/service'): string {
  return `https://${app.device.hostAlias}:${port}${path}`;
}

export function invokeAtStep(url: string, params: Record<string, unknown> = {}): Step<InvokeServiceResultView> {
  return commandStep<InvokeServiceResultView>({ action: 'invoke-service', url, params });
}

export async function invokeAt(app: App, url: string, params: Record<string, unknown> = {}): Promise<InvokeServiceResultView> {
  const [view] = await app.batch(invokeAtStep(url, params));
  return view;
}

export function httpRequestAtStep(url: string): Step<HttpRequestResult> {
  return commandStep<HttpRequestResult>({ action: 'http-request', url, method: 'GET' });
}

export async function httpRequestAt(app: App, url: string): Promise<HttpRequestResult> {
  const [result] = await app.batch(httpRequestAtStep(url));
  return result;
}

/** A loopback port nobody listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, listenAddress(), resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A listener on 127.0.0.1 that accepts connections and never answers: a timeout target. */
export class SilentServer {
  private constructor(private readonly server: Server, private readonly sockets: Set<Socket>, readonly port: number) {}

  static async start(): Promise<SilentServer> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, listenAddress(), resolve));
    return new SilentServer(server, sockets, (server.address() as { port: number }).port);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

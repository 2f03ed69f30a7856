/**
 * A hub that demands Basic authentication, as farms and guarded Grids do: a reverse proxy on
 * 127.0.0.1 that answers 401 to any request without the expected Authorization header and
 * forwards the others (header removed) to the real Appium server or Grid behind it. It counts
 * both, so a test can tell that every request of a run carried the credentials.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basicAuthorization } from '../appium-server/url-credentials.js';

export interface StartedBasicAuthProxy {
  /** http://127.0.0.1:<port>/ plus the target's path; no credentials in it. */
  readonly url: URL;
  /** The same URL with the user name and password in it, as a farm hands it out. */
  readonly urlWithCredentials: URL;
  /** Requests forwarded (they carried the credentials). */
  authorized(): number;
  /** Requests refused with 401, with their method and path. */
  refused(): readonly string[];
  close(): Promise<void>;
}

export async function startBasicAuthProxy(target: URL, user: string, password: string): Promise<StartedBasicAuthProxy> {
  const expected = basicAuthorization(user, password);
  let authorized = 0;
  const refused: string[] = [];
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const headers = { ...req.headers, host: target.host };
    delete headers.authorization;
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    });
    req.pipe(upstream);
  };
  const server = createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      refused.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(401, { 'www-authenticate': 'Basic realm="hub"', 'content-type': 'application/json' });
      res.end(JSON.stringify({ value: { error: 'unauthorized', message: 'Basic authentication required' } }));
      return;
    }
    authorized++;
    forward(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = new URL(target.pathname, `http://127.0.0.1:${port}`);
  const urlWithCredentials = new URL(url);
  urlWithCredentials.username = encodeURIComponent(user);
  urlWithCredentials.password = encodeURIComponent(password);
  return {
    url,
    urlWithCredentials,
    authorized: () => authorized,
    refused: () => [...refused],
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

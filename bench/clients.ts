/** The clients compared: raw node:https with a key and certificate, the reference runtime, curl. */
import { spawn } from 'node:child_process';
import { Agent, request, type AgentOptions } from 'node:https';
import type { VoltmxRuntime } from '../reference/index.js';

export interface RawTls {
  readonly key: string;
  readonly cert: string;
  readonly ca: string;
}

/**
 * One GET with node:https; agent false = a fresh connection (full handshake) each time. The body
 * is read and parsed as JSON, as the runtime's HttpRequest does for runtimeGet (responseType
 * "json"): both sides hand the caller the same thing, so a ratio compares like with like.
 */
export function rawGet(url: string, tls: RawTls, agent: Agent | false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...(agent ? { agent } : { agent: false, ...tls }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        parsedJson(Buffer.concat(chunks));
        resolve(res.statusCode ?? 0);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as JSON, or null when it is not JSON (as HttpRequest's response is then). */
function parsedJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

export function keepAliveAgent(tls: RawTls): Agent {
  const options: AgentOptions = { keepAlive: true, maxSockets: 1, ...tls };
  return new Agent(options);
}

export interface RuntimeAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly response: unknown;
}

/** One GET with the runtime's HttpRequest; `fresh` asks for Connection: close (no reuse). */
export function runtimeGet(runtime: VoltmxRuntime, url: string, fresh: boolean): Promise<RuntimeAnswer> {
  return new Promise((resolve, reject) => {
    const req = new runtime.net.HttpRequest();
    req.responseType = 'json';
    req.onReadyStateChange = () => {
      if (req.readyState !== 4) return;
      if (req.status === 0) reject(new Error(`request failed: ${req.statusText}`));
      else resolve({ status: req.status, statusText: req.statusText, response: req.response });
    };
    req.open('GET', url);
    if (fresh) req.setRequestHeader('Connection', 'close');
    req.send();
  });
}

/** curl with a config file (-K) that holds the P12 path and password: nothing secret on argv. */
export function curl(configPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-K', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl exited ${code}: ${stderr.trim()}`))));
  });
}

import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pkcs12Bundle } from '../pki/types.js';
import { SLOW_ANSWER_MS, type ServerObservation, type ServiceResponse } from '../backend-kit/types.js';
import type { ConnectionJudgement } from './observation.js';

const JSON_TYPE = 'application/json';

/**
 * What /cookie adds to the /whoami answer: a cookie the API must hide from
 * getAllResponseHeaders/getResponseHeader, and an ordinary header it must show.
 */
const COOKIE_HEADERS = {
  'set-cookie': 'voltmx-conformance=1; Path=/; Secure',
  'x-voltmx-conformance': 'cookie',
} as const;

/** The endpoints every backend serves, with nginx's behaviour (see servers/nginx/nginx-config.ts). */
export async function route(
  req: IncomingMessage,
  res: ServerResponse,
  judgement: ConnectionJudgement,
  connectionRequests: number,
  bundles: readonly Pkcs12Bundle[],
  exchange: string,
): Promise<void> {
  const { verdict } = judgement;
  const observation: ServerObservation = { ...judgement.observation, connectionRequests, exchange };
  // nginx checks client authentication before any location is chosen.
  if (verdict !== 'ok') {
    return send(res, 400, JSON_TYPE, JSON.stringify({ ...observation, error: verdict }), true);
  }
  const url = new URL(req.url ?? '/', 'https://localhost');
  const body = await readBody(req);
  if (url.pathname === '/whoami') return send(res, 200, JSON_TYPE, JSON.stringify(observation));
  if (url.pathname === '/cookie') return send(res, 200, JSON_TYPE, JSON.stringify(observation), false, COOKIE_HEADERS);
  // /whoami answered SLOW_ANSWER_MS late: a request that is surely still in flight meanwhile.
  if (url.pathname === '/slow') {
    await new Promise((resolve) => setTimeout(resolve, SLOW_ANSWER_MS));
    return send(res, 200, JSON_TYPE, JSON.stringify(observation));
  }
  if (url.pathname === '/service') {
    const reply: ServiceResponse = { opstatus: 0, observation, method: req.method ?? 'GET', echo: body };
    return send(res, 200, JSON_TYPE, JSON.stringify(reply));
  }
  if (url.pathname === '/redirect') {
    res.writeHead(302, { location: url.searchParams.get('to') ?? '', 'content-type': JSON_TYPE });
    res.end('{"redirect":true}');
    return;
  }
  if (url.pathname.startsWith('/p12/')) {
    const bundle = bundles.find((b) => `/p12/${b.fileName}` === url.pathname);
    if (bundle) return send(res, 200, 'application/x-pkcs12', await readFile(bundle.path));
  }
  return send(res, 404, JSON_TYPE, '{"error":"not-found"}');
}

function send(
  res: ServerResponse, status: number, type: string, body: string | Buffer, close = false, extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...(close ? { connection: 'close' } : {}),
    ...extra,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

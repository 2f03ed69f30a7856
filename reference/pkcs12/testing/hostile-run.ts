/**
 * Tests and bench only: one hostile case in this process, so its time and peak memory are its
 * own. argv: <case id> <reference|native>. Builds the input, then either decodePkcs12 (and a
 * runtime load, which must fail with the same code) or Node's native
 * tls.createSecureContext({ pfx }) on the same bytes; prints one JSON line (HostileRun).
 */
import { performance } from 'node:perf_hooks';
import { createSecureContext } from 'node:tls';
import { createRuntime } from '../../runtime/create-runtime.js';
import { decodePkcs12 } from '../decode-pkcs12.js';
import { hostileCase } from './hostile-inputs.js';

export interface HostileRun {
  readonly id: string;
  readonly side: 'reference' | 'native';
  readonly bytes: number;
  /** The error code (reference) or native error code / message start; null when it loaded. */
  readonly code: string | null;
  /** The runtime's loadClientCertificate answer and lastLoadFailure code (reference only). */
  readonly runtime?: { readonly loaded: boolean; readonly code: string | null };
  readonly ms: number;
  /** RSS just before the call and the process's peak RSS, MB. */
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
}

const MB = 1024 * 1024;
const [id, side = 'reference'] = process.argv.slice(2);
const input = hostileCase(id!).build();
const rssBeforeMb = process.memoryUsage().rss / MB;
const started = performance.now();
let code: string | null = null;
try {
  if (side === 'native') createSecureContext({ pfx: input.bytes, passphrase: input.password });
  else decodePkcs12(input.bytes, input.password);
} catch (error) {
  const e = error as { code?: string; message?: string };
  code = e.code ?? String(e.message).slice(0, 60);
}
const ms = performance.now() - started;
let runtime: HostileRun['runtime'];
if (side === 'reference') {
  const instance = createRuntime({ platform: 'android', trust: { ca: [] } });
  const loaded = instance.net.loadClientCertificate({ cert: input.bytes, pass: input.password });
  runtime = { loaded, code: instance.lastLoadFailure?.()?.code ?? null };
  await instance.shutdown();
}
const run: HostileRun = {
  id: id!, side: side as HostileRun['side'], bytes: input.bytes.length, code, ...(runtime ? { runtime } : {}), ms,
  rssBeforeMb, peakRssMb: process.resourceUsage().maxRSS / 1024,
};
console.log(JSON.stringify(run));

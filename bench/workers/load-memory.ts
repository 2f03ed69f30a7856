/**
 * Child process for the memory section (run with --expose-gc): loads the same file into one
 * runtime again and again (each load replaces the last) and reports memory after GC at two
 * checkpoints as one JSON line. argv: <p12 path> <first checkpoint> <second checkpoint>; the
 * password comes in BENCH_P12_PASS.
 */
import { readFileSync } from 'node:fs';
import { createRuntime } from '../../reference/index.js';

const [path, firstArg, secondArg] = process.argv.slice(2);
const first = Number(firstArg);
const second = Number(secondArg);
const password = process.env.BENCH_P12_PASS ?? '';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !path) throw new Error('run with --expose-gc and a file path');
const bytes = readFileSync(path);
const runtime = createRuntime({ platform: 'android', trust: { ca: [] } });
const snapshot = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
};
const checkpoints: Record<string, ReturnType<typeof snapshot>> = {};
for (let i = 1; i <= second; i++) {
  if (!runtime.net.loadClientCertificate({ cert: bytes, pass: password })) throw new Error(`load ${i} failed`);
  if (i === first || i === second) checkpoints[String(i)] = snapshot();
}
await runtime.shutdown();
console.log(JSON.stringify({ checkpoints, maxRssKb: process.resourceUsage().maxRSS }));

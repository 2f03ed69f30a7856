/**
 * 1. Requests with client auth against nginx required-a: the reference runtime's HttpRequest
 * vs raw node:https with the same key and certificate (targets), and curl --cert-type P12.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { curl, keepAliveAgent, rawGet, runtimeGet, type RawTls } from '../clients.js';
import { importOr, type BenchContext } from '../context.js';
import { interleaved, paired, ratioFigure, type Paired } from '../measure.js';
import { NotAvailableError, type Figure } from '../report.js';
import type { BenchSection } from './types.js';

const FRESH_TARGET = 1.1;
const KEPT_ALIVE_TARGET = 1.05;
/** Kept-alive requests a side before measuring, quick or not: until the JIT has optimised both sides. */
const KEPT_ALIVE_WARMUP = 3000;

export const requestsSection: BenchSection = {
  id: 'requests',
  number: 1,
  title: 'Requests with client auth (nginx required-a)',
  async run(context: BenchContext): Promise<Figure[]> {
    const { createRuntime } = await importOr<typeof import('../../reference/index.js')>('reference/index.js', 'reference/index.ts');
    const pki = await context.pki();
    const fleet = await context.nginx();
    const url = fleet.url('required-a');
    const identity = pki.identities['rsa-a'];
    const bundle = pki.bundle('rsa-a.modern');
    const tls: RawTls = { key: identity.key.pem, cert: identity.chain.pem, ca: pki.serverCa.pem };
    const runtime = createRuntime({ platform: 'android', trust: { ca: [pki.serverCa.pem] } });
    const agent = keepAliveAgent(tls);
    const figures: Figure[] = [];
    try {
      if (!runtime.net.loadClientCertificate({ cert: await readFile(bundle.path), pass: bundle.password })) {
        throw new NotAvailableError(`the reference did not load rsa-a.modern: ${runtime.lastLoadFailure?.()?.code}`);
      }
      const seen = await runtimeGet(runtime, url, true); // also makes the Android decision (probe) before timing
      const verify = (seen.response as { verify?: string } | null)?.verify;
      if (seen.status !== 200 || verify !== 'SUCCESS') throw new NotAvailableError(`the reference was refused (${seen.status}, ${verify})`);
      const rounds = context.n(3, 9);
      const batch = context.n(5, 20);
      const ok = (status: number) => { if (status !== 200) throw new Error(`HTTP ${status}`); };
      const fresh = await paired({
        rounds, batch,
        baseline: async () => ok(await rawGet(url, tls, false)),
        candidate: async () => ok((await runtimeGet(runtime, url, true)).status),
      });
      figures.push(ratioFigure('reference HttpRequest / raw https, fresh handshake', 'node:https, agent: false, body parsed as JSON', fresh, FRESH_TARGET, cpuNote(fresh)));
      // A kept-alive request costs about 0.2 ms: the sides take turns request by request. The
      // warm-up lets V8 optimise both sides' code first: the ratio drifts for the first 2,000-3,000
      // requests a side, then holds (docs/benchmarks.md, section 1).
      const kept = await interleaved({
        rounds: context.n(10, 20), perRound: context.n(100, 150), warmup: KEPT_ALIVE_WARMUP,
        baseline: async () => ok(await rawGet(url, tls, agent)),
        candidate: async () => ok((await runtimeGet(runtime, url, false)).status),
      });
      figures.push(ratioFigure('reference HttpRequest / raw https, kept alive', 'node:https keep-alive agent, body parsed as JSON', kept, KEPT_ALIVE_TARGET, cpuNote(kept)));
      figures.push(...(await curlFigures(context, url, bundle.path, bundle.password, pki.serverCa.path, tls, agent)));
    } finally {
      agent.destroy();
      await runtime.shutdown();
    }
    return figures;
  },
};

/** The client's CPU time ratio (this process; nginx is another): what load moves least. */
function cpuNote(result: Paired): string | undefined {
  const cpu = result.cpuRatio;
  return cpu ? `client CPU ${cpu.median.toFixed(2)} [${cpu.p25.toFixed(2)}-${cpu.p75.toFixed(2)}]` : undefined;
}

async function curlFigures(
  context: BenchContext, url: string, p12: string, password: string, caPath: string, tls: RawTls, agent: ReturnType<typeof keepAliveAgent>,
): Promise<Figure[]> {
  const dir = await context.dir();
  const common = [`cert-type = "P12"`, `cert = "${p12}:${password}"`, `cacert = "${caPath}"`, 'silent', 'show-error', 'fail'];
  const single = join(dir, 'curl-single.conf');
  await writeFile(single, [...common, `url = "${url}"`, 'output = "/dev/null"', ''].join('\n'), { mode: 0o600 });
  const perProcess = context.n(5, 20);
  const many = join(dir, 'curl-many.conf');
  await writeFile(many, [...common, ...Array.from({ length: perProcess }, () => `url = "${url}"\noutput = "/dev/null"`), ''].join('\n'), { mode: 0o600 });
  try {
    await curl(single);
  } catch (error) {
    return [{ name: 'curl --cert-type P12', unit: 'ratio', value: { median: NaN, p25: NaN, p75: NaN, n: 0 }, verdict: 'INFO', note: `not available: ${(error as Error).message}` }];
  }
  const rounds = context.n(3, 7);
  const fresh = await paired({ rounds, batch: context.n(3, 10), baseline: () => rawGet(url, tls, false), candidate: () => curl(single) });
  // One curl process fetching the URL N times reuses its connection: the spawn is spread over N.
  const kept = await paired({
    rounds, batch: 1,
    baseline: async () => { for (let i = 0; i < perProcess; i++) await rawGet(url, tls, agent); },
    candidate: () => curl(many),
  });
  return [
    ratioFigure('curl --cert-type P12 / raw https, one process per request', 'node:https, agent: false', fresh, undefined, 'includes a process spawn per request'),
    ratioFigure(`curl --cert-type P12 / raw https, ${perProcess} requests per process`, 'node:https keep-alive agent', kept, undefined, 'one spawn spread over the requests'),
  ];
}

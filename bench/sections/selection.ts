/**
 * 2. Android identity selection on a two-identity file (rsa-a + ec-b) against required-b,
 * where the second identity is the right one: cold (new runtime, first request: probe +
 * handshake) and warm (decision cached, fresh handshake) vs a plain handshake with ec-b.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { rawGet, runtimeGet, type RawTls } from '../clients.js';
import { importOr, type BenchContext } from '../context.js';
import { paired, pairedTimed, ratioFigure } from '../measure.js';
import { NotAvailableError, type Figure } from '../report.js';
import type { BenchSection } from './types.js';

const WARM_TARGET = 1.1;
const COLD_TARGET = 2.2;

export const selectionSection: BenchSection = {
  id: 'selection',
  number: 2,
  title: 'Android identity selection (rsa-a+ec-b file, nginx required-b)',
  async run(context: BenchContext): Promise<Figure[]> {
    const { createRuntime } = await importOr<typeof import('../../reference/index.js')>('reference/index.js', 'reference/index.ts');
    const pki = await context.pki();
    const fleet = await context.nginx();
    const url = fleet.url('required-b');
    const right = pki.identities['ec-b'];
    const bundle = pki.bundle('rsa-a+ec-b.modern');
    const bytes = await readFile(bundle.path);
    const tls: RawTls = { key: right.key.pem, cert: right.chain.pem, ca: pki.serverCa.pem };
    const newRuntime = () => {
      const runtime = createRuntime({ platform: 'android', trust: { ca: [pki.serverCa.pem] } });
      if (!runtime.net.loadClientCertificate({ cert: bytes, pass: bundle.password })) {
        throw new NotAvailableError(`the reference did not load ${bundle.name}: ${runtime.lastLoadFailure?.()?.code}`);
      }
      return runtime;
    };
    const warmRuntime = newRuntime();
    try {
      const first = await runtimeGet(warmRuntime, url, true);
      const seen = (first.response as { fingerprint?: string } | null)?.fingerprint;
      if (first.status !== 200 || seen !== right.fingerprint) {
        throw new NotAvailableError(`the reference did not present ec-b to required-b (HTTP ${first.status}, ${seen})`);
      }
      const rounds = context.n(3, 9);
      const warm = await paired({
        rounds, batch: context.n(5, 20),
        baseline: () => rawGet(url, tls, false),
        candidate: () => runtimeGet(warmRuntime, url, true),
      });
      // Cold: only the first request of a fresh runtime is timed (load and shutdown are not).
      const perRound = context.n(3, 8);
      const cold = await pairedTimed(rounds, async () => {
        let total = 0;
        for (let i = 0; i < perRound; i++) {
          const started = performance.now();
          await rawGet(url, tls, false);
          total += performance.now() - started;
        }
        return total / perRound;
      }, async () => {
        let total = 0;
        for (let i = 0; i < perRound; i++) {
          const runtime = newRuntime();
          try {
            const started = performance.now();
            await runtimeGet(runtime, url, true);
            total += performance.now() - started;
          } finally {
            await runtime.shutdown();
          }
        }
        return total / perRound;
      });
      return [
        ratioFigure('warm: reference (decision cached) / plain handshake with ec-b', 'node:https with ec-b, agent: false', warm, WARM_TARGET),
        ratioFigure('cold: reference first request (probe + handshake) / plain handshake', 'node:https with ec-b, agent: false', cold, COLD_TARGET,
          'first request of a new runtime; createRuntime, load and shutdown are not timed'),
      ];
    } finally {
      await warmRuntime.shutdown();
    }
  },
};

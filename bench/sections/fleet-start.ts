/** 4. Start (and stop) of the server fleet per backend, and test PKI generation. */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { importOr, type BenchContext } from '../context.js';
import { msFigure } from '../measure.js';
import { spread } from '../stats.js';
import type { Figure } from '../report.js';
import type { BenchSection } from './types.js';

const exec = promisify(execFile);

async function dockerAnswers(): Promise<string | null> {
  try {
    await exec('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 });
    return null;
  } catch (error) {
    return `no docker daemon answers (${String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n')[0]})`;
  }
}

export const fleetStartSection: BenchSection = {
  id: 'fleet-start',
  number: 4,
  title: 'Fleet start per backend, PKI generation',
  async run(context: BenchContext): Promise<Figure[]> {
    const { createTestPki } = await importOr<typeof import('../../servers/pki/index.js')>('servers/pki/index.js', 'servers/pki');
    const { ServerFleet } = await importOr<typeof import('../../servers/fleet/server-fleet.js')>('servers/fleet/server-fleet.js', 'servers/fleet');
    const figures: Figure[] = [];
    const pkiTimes: number[] = [];
    for (let i = 0; i < context.n(1, 3); i++) {
      const pki = await createTestPki();
      pkiTimes.push(pki.generationMs);
      await pki.dispose();
    }
    figures.push(msFigure('createTestPki (all CAs, identities, bundles)', pkiTimes));
    const pki = await context.pki();
    const starts: Record<string, number[]> = {};
    const docker = await dockerAnswers();
    for (const backend of ['embedded', 'nginx', 'testcontainers'] as const) {
      if (backend === 'testcontainers' && docker) {
        figures.push({ name: 'fleet start, testcontainers', unit: 'ms', value: spread([]), verdict: 'INFO', note: `not available: ${docker}` });
        continue;
      }
      const times: number[] = [];
      try {
        for (let i = 0; i < context.n(2, 5); i++) {
          const started = performance.now();
          const fleet = await new ServerFleet(pki).withBackend(backend).start();
          times.push(performance.now() - started);
          await fleet.stop();
        }
        starts[backend] = times;
        figures.push(msFigure(`fleet start, ${backend} (every scenario)`, times));
      } catch (error) {
        figures.push({ name: `fleet start, ${backend}`, unit: 'ms', value: spread([]), verdict: 'INFO', note: `not available: ${(error as Error).message.split('\n')[0]}` });
      }
    }
    return figures;
  },
};

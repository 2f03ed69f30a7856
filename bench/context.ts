/**
 * What sections share: options, one test PKI, one nginx fleet, a private scratch folder.
 * Everything is made on first use (through dynamic imports, so a missing module makes only
 * the sections that need it "not available") and torn down by dispose().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreatedTestPki } from '../servers/pki/index.js';
import type { StartedServerFleet } from '../servers/fleet/server-fleet.js';
import { NotAvailableError } from './report.js';

export interface BenchOptions {
  readonly quick: boolean;
  /** Device counts of the conformance-run section (default 1, 2, 4). */
  readonly devices?: readonly number[];
  /** Device-protocol projection: ms per Appium request and per session start (section 7). */
  readonly latencyMs?: number;
  readonly sessionMs?: number;
}

/** Scenarios the request sections use. */
export const BENCH_SCENARIOS = ['required-a', 'required-b'] as const;

export class BenchContext {
  private pkiPromise: Promise<CreatedTestPki> | undefined;
  private fleetPromise: Promise<StartedServerFleet> | undefined;
  private dirPromise: Promise<string> | undefined;

  constructor(readonly options: BenchOptions) {}

  get quick(): boolean {
    return this.options.quick;
  }

  /** quick / full iteration counts. */
  n(quick: number, full: number): number {
    return this.quick ? quick : full;
  }

  pki(): Promise<CreatedTestPki> {
    this.pkiPromise ??= (async () => {
      const { createTestPki } = await importOr<typeof import('../servers/pki/index.js')>('servers/pki/index.js', 'servers/pki');
      return createTestPki();
    })();
    return this.pkiPromise;
  }

  /** nginx (servers/fleet) on the request scenarios. */
  nginx(): Promise<StartedServerFleet> {
    this.fleetPromise ??= (async () => {
      const { ServerFleet } = await importOr<typeof import('../servers/fleet/server-fleet.js')>('servers/fleet/server-fleet.js', 'servers/fleet');
      try {
        return await new ServerFleet(await this.pki()).withBackend('nginx').withScenarios([...BENCH_SCENARIOS]).start();
      } catch (error) {
        throw new NotAvailableError(`the nginx fleet did not start: ${(error as Error).message.split('\n')[0]}`);
      }
    })();
    return this.fleetPromise;
  }

  /** Private (0700) scratch folder for files with keys. */
  dir(): Promise<string> {
    this.dirPromise ??= mkdtemp(join(tmpdir(), 'voltmx-bench-'));
    return this.dirPromise;
  }

  async dispose(): Promise<void> {
    const settle = async <T>(p: Promise<T> | undefined, end: (v: T) => Promise<unknown>) => {
      if (!p) return;
      try { await end(await p); } catch { /* never started */ }
    };
    await settle(this.fleetPromise, (f) => f.stop());
    await settle(this.pkiPromise, (p) => p.dispose());
    await settle(this.dirPromise, (d) => rm(d, { recursive: true, force: true }));
  }
}

/**
 * A dynamic import (path from the repository root) that turns "module missing or broken"
 * into NotAvailableError.
 */
export async function importOr<T = any>(fromRoot: string, what: string): Promise<T> {
  try {
    return (await import(new URL(`../${fromRoot}`, import.meta.url).href)) as T;
  } catch (error) {
    throw new NotAvailableError(`${what} is not available: ${(error as Error).message.split('\n')[0]}`);
  }
}

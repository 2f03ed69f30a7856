/**
 * The corpus: a workspace (test PKI + private folder), every available producer's files,
 * each evaluated through the reference. Producers whose tool is absent are skipped with why.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki } from '../servers/pki/index.js';
import type { BackendName } from '../servers/backend-kit/types.js';
import { evaluateFile, type InteropResult } from './check/evaluate-file.js';
import { InteropJudges } from './check/judge.js';
import { PRODUCERS } from './producers/index.js';
import type { InteropWorkspace, Producer } from './producers/types.js';

export interface ProducerReport {
  readonly id: string;
  readonly name: string;
  readonly version: string | null;
  readonly skipped: string | null;
  readonly results: readonly InteropResult[];
  /** Variants the producer itself failed to make (tool errors): not the reference's fault. */
  readonly productionErrors: readonly { variant: string; error: string }[];
}

export class InteropCorpus {
  private constructor(readonly workspace: InteropWorkspace, private readonly judges: InteropJudges) {}

  static async create(backend: BackendName = 'nginx'): Promise<InteropCorpus> {
    const pki = await createTestPki();
    try {
      const dir = await mkdtemp(join(tmpdir(), 'voltmx-interop-'));
      const workspace = { pki, dir, password: randomBytes(15).toString('base64url') };
      return new InteropCorpus(workspace, new InteropJudges(pki, backend));
    } catch (error) {
      await pki.dispose();
      throw error;
    }
  }

  async run(producer: Producer, variantIds?: readonly string[]): Promise<ProducerReport> {
    const skipped = await producer.unavailable();
    if (skipped) return { id: producer.id, name: producer.name, version: null, skipped, results: [], productionErrors: [] };
    const results: InteropResult[] = [];
    const productionErrors: { variant: string; error: string }[] = [];
    for (const variant of producer.variants) {
      if (variantIds && !variantIds.includes(variant.id)) continue;
      let file;
      try {
        file = await variant.make(this.workspace);
      } catch (error) {
        productionErrors.push({ variant: variant.id, error: (error as Error).message });
        continue;
      }
      results.push(await evaluateFile(file, this.workspace, this.judges));
    }
    return { id: producer.id, name: producer.name, version: await producer.version(), skipped: null, results, productionErrors };
  }

  async runAll(): Promise<ProducerReport[]> {
    const reports: ProducerReport[] = [];
    for (const producer of PRODUCERS) reports.push(await this.run(producer));
    return reports;
  }

  async dispose(): Promise<void> {
    try {
      await this.judges.stop();
    } finally {
      await rm(this.workspace.dir, { recursive: true, force: true });
      await this.workspace.pki.dispose();
    }
  }
}

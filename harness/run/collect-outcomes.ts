/** Reads what the workers wrote into the outcomes folder. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestOutcome } from '../results/types.js';
import type { SpecStarted, WorkerIncident } from './requirement-reporter.js';

export interface CollectedOutcomes {
  readonly outcomes: TestOutcome[];
  readonly incidents: WorkerIncident[];
  readonly started: SpecStarted[];
}

export async function collectOutcomes(dir: string): Promise<CollectedOutcomes> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl')).sort();
  const outcomes: TestOutcome[] = [];
  const incidents: WorkerIncident[] = [];
  const started: SpecStarted[] = [];
  for (const name of names) {
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as ({ kind: 'outcome' } & TestOutcome) | WorkerIncident | SpecStarted;
      if (entry.kind === 'incident') incidents.push(entry);
      else if (entry.kind === 'started') started.push(entry);
      else {
        const { kind: _kind, ...outcome } = entry;
        outcomes.push(outcome);
      }
    }
  }
  return { outcomes, incidents, started };
}

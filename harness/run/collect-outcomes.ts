/** Reads what the workers wrote into the outcomes folder. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestOutcome } from '../results/types.js';
import type { DeviceInfo } from './device-info.js';
import type { DeviceInfoLine, SpecStarted, WorkerIncident } from './requirement-reporter.js';

export interface CollectedOutcomes {
  readonly outcomes: TestOutcome[];
  readonly incidents: WorkerIncident[];
  readonly started: SpecStarted[];
  /** Device name -> what its app reported (info command), when it did. */
  readonly deviceInfo: Record<string, DeviceInfo>;
}

export async function collectOutcomes(dir: string): Promise<CollectedOutcomes> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl')).sort();
  const outcomes: TestOutcome[] = [];
  const incidents: WorkerIncident[] = [];
  const started: SpecStarted[] = [];
  const deviceInfo: Record<string, DeviceInfo> = {};
  for (const name of names) {
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as ({ kind: 'outcome' } & TestOutcome) | WorkerIncident | SpecStarted | DeviceInfoLine;
      if (entry.kind === 'incident') incidents.push(entry);
      else if (entry.kind === 'device-info') deviceInfo[entry.device] = entry.info;
      else if (entry.kind === 'started') started.push(entry);
      else {
        const { kind: _kind, ...outcome } = entry;
        outcomes.push(outcome);
      }
    }
  }
  return { outcomes, incidents, started, deviceInfo };
}

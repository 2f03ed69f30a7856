/** Reads what the workers wrote into the outcomes folder. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestOutcome } from '../results/types.js';
import type { DeviceInfo } from './device-info.js';
import type { SpecStarted, WorkerIncident } from './requirement-reporter.js';

/** What the wiring self-test (specs/support/wiring) found on one device, before any spec. */
export type WiringLine =
  | { readonly kind: 'wiring'; readonly device: string; readonly ok: true; readonly info: DeviceInfo }
  | { readonly kind: 'wiring'; readonly device: string; readonly ok: false; readonly code: string; readonly message: string };

export interface CollectedOutcomes {
  readonly outcomes: TestOutcome[];
  readonly incidents: WorkerIncident[];
  readonly started: SpecStarted[];
  /** Device name -> what its app reported (info command), when it did. */
  readonly deviceInfo: Record<string, DeviceInfo>;
  /** Device name -> why its app is wired wrong (the self-test's one error), for devices that failed it. */
  readonly miswired: Record<string, { readonly code: string; readonly message: string }>;
}

export async function collectOutcomes(dir: string): Promise<CollectedOutcomes> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl')).sort();
  const outcomes: TestOutcome[] = [];
  const incidents: WorkerIncident[] = [];
  const started: SpecStarted[] = [];
  const deviceInfo: Record<string, DeviceInfo> = {};
  const miswired: Record<string, { code: string; message: string }> = {};
  for (const name of names) {
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as ({ kind: 'outcome' } & TestOutcome) | WorkerIncident | SpecStarted | WiringLine;
      if (entry.kind === 'incident') incidents.push(entry);
      else if (entry.kind === 'wiring') {
        if (entry.ok) deviceInfo[entry.device] = entry.info;
        else miswired[entry.device] = { code: entry.code, message: entry.message };
      }
      else if (entry.kind === 'started') started.push(entry);
      else {
        const { kind: _kind, ...outcome } = entry;
        outcomes.push(outcome);
      }
    }
  }
  return { outcomes, incidents, started, deviceInfo, miswired };
}

/**
 * 5. A whole conformance run broken down by stage, scaling with 1, 2, 4 devices. Runs only
 * once harness/run exposes stage timings on its outcome; until then it says why not.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { NotAvailableError, type Figure } from '../report.js';
import type { BenchContext } from '../context.js';
import type { BenchSection } from './types.js';

export const conformanceRunSection: BenchSection = {
  id: 'conformance-run',
  number: 5,
  title: 'Conformance run breakdown and scaling (1, 2, 4 devices)',
  async run(_context: BenchContext): Promise<Figure[]> {
    const source = fileURLToPath(new URL('../../harness/run/run-conformance.ts', import.meta.url));
    let text: string;
    try {
      text = await readFile(source, 'utf8');
    } catch {
      throw new NotAvailableError('harness/run/run-conformance.ts is missing');
    }
    if (!/\btimings\b/.test(text)) {
      throw new NotAvailableError('the harness exposes no stage timings (RunOutcome has no `timings`; stages are only logged)');
    }
    throw new NotAvailableError('harness timings exist but this section is not wired to them yet');
  },
};

/**
 * 8. The suite through a Selenium Grid 4 (one hub, two relay nodes, each relaying to its own
 * Appium server with the reference driver) on 4 devices, against 1 device on a local Appium
 * directly, measured in the same bench: the ratio of whole-run times (target <= 1.6 on a
 * 2-core machine). The Grid's own start (JVMs, Appium servers) is a separate INFO figure: a
 * lab's Grid is up before a run. Needs Java; --quick skips it (it runs the whole suite twice).
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { importOr, type BenchContext } from '../context.js';
import { msFigure, ratioFigure } from '../measure.js';
import { NotAvailableError, type Figure } from '../report.js';
import { spread } from '../stats.js';
import { RESULT_PREFIX, type ConformanceRunInput, type ConformanceRunResult } from '../support/conformance-run-protocol.js';
import { runMeasuredChild } from '../support/measured-child.js';
import type { BenchSection } from './types.js';

const WORKER = fileURLToPath(new URL('../workers/conformance-run.ts', import.meta.url));
const TARGET = 1.6;

async function measure(input: ConformanceRunInput, timeoutMs: number): Promise<ConformanceRunResult> {
  const child = await runMeasuredChild(WORKER, [JSON.stringify(input)], timeoutMs);
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  const what = input.gridNodes ? `${input.devices} devices through the Grid` : `${input.devices} device direct`;
  if (!line) throw new NotAvailableError(`the run of ${what} failed: ${child.timedOut ? 'timed out' : child.stderrTail.split('\n').slice(-3).join(' ').slice(0, 300)}`);
  const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ConformanceRunResult;
  if (result.infrastructureErrors.length) throw new NotAvailableError(`the run of ${what} had infrastructure errors: ${result.infrastructureErrors[0]!.split('\n')[0]}`);
  return result;
}

const verdict = (r: ConformanceRunResult) => `${r.devices.length} devices, ${Object.entries(r.statuses).map(([s, n]) => `${n} ${s}`).join(', ')}, ${r.unexpected} unexpected`;

export const gridSection: BenchSection = {
  id: 'grid',
  number: 8,
  title: 'Selenium Grid: 4 devices through a hub and two relay nodes vs 1 device direct',
  async run(context: BenchContext): Promise<Figure[]> {
    if (context.quick) throw new NotAvailableError('skipped by --quick (runs the whole suite twice; npm run bench -- --only grid)');
    const { javaAvailable } = await importOr<typeof import('../../devices/selenium-grid/index.js')>('devices/selenium-grid/index.js', 'devices/selenium-grid');
    const java = javaAvailable();
    if (!java.ok) throw new NotAvailableError(java.reason);
    const { specFiles } = await importOr<typeof import('../../harness/run/spec-files.js')>('harness/run/spec-files.js', 'harness/run');
    const specs = specFiles();
    const dir = await context.dir();
    const direct = await measure({ devices: 1, specs, reportDir: join(dir, 'grid-baseline-direct') }, 900_000);
    const grid = await measure({ devices: 4, specs, reportDir: join(dir, 'grid-4-devices'), gridNodes: 2 }, 1_800_000);
    const ratio = grid.timings.totalMs / direct.timings.totalMs;
    return [
      ratioFigure('4 devices through the Grid (2 relay nodes) / 1 device direct: whole run', '1 device on a local Appium',
        { ratio: spread([ratio]), candidateMs: spread([grid.timings.totalMs]), baselineMs: spread([direct.timings.totalMs]) }, TARGET,
        `all ${specs.length} spec files; Grid: ${verdict(grid)}, specs stage ${grid.timings.specsMs} ms; direct: ${verdict(direct)}, specs stage ${direct.timings.specsMs} ms`),
      msFigure('Grid start (2 Appium servers, hub, 2 relay nodes)', [grid.gridStartMs ?? Number.NaN], 'before the run; a lab\'s Grid is already up'),
    ];
  },
};

/**
 * Child process for section 5: one whole conformance run (embedded servers, local Appium)
 * on 1, 2 or 4 reference devices, apart from the bench so that its memory and its
 * children's can be measured alone. argv: one JSON ConformanceRunInput. The run's log goes to
 * stderr; the result is the stdout line starting with RESULT_PREFIX.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceAndroid, referenceIos } from '../../devices/profiles/index.js';
import { DEFAULT_EXPECTATIONS_DIR } from '../../harness/cli/commands/run-command.js';
import { loadExpectations } from '../../harness/results/expectations.js';
import { runConformance } from '../../harness/run/run-conformance.js';
import type { RunDevice } from '../../harness/run/devices-file.js';
import { startReferenceGrid, type StartedReferenceGrid } from '../../devices/selenium-grid/index.js';
import { RESULT_PREFIX, type ConformanceRunInput, type ConformanceRunResult } from '../support/conformance-run-protocol.js';

/** reference-android, reference-ios, then the same again under distinct names. */
export function benchDevices(count: number): RunDevice[] {
  return Array.from({ length: count }, (_, i) => {
    const profile = i % 2 === 0 ? referenceAndroid() : referenceIos();
    const copy = Math.floor(i / 2) + 1;
    return { name: copy === 1 ? profile.name : `${profile.name}-${copy}`, profile };
  });
}

async function main(input: ConformanceRunInput): Promise<ConformanceRunResult> {
  const devices = benchDevices(input.devices);
  // The committed files are per profile: a renamed copy is judged by its profile's.
  const expectations = await loadExpectations([DEFAULT_EXPECTATIONS_DIR]);
  let grid: StartedReferenceGrid | undefined;
  const gridStarted = Date.now();
  if (input.gridNodes) await mkdir(input.reportDir, { recursive: true });
  if (input.gridNodes) grid = await startReferenceGrid({ nodes: input.gridNodes, logDir: input.reportDir });
  const gridStartMs = Date.now() - gridStarted;
  const outcome = await runConformance({
    devices,
    backend: 'embedded',
    specs: input.specs,
    expectations,
    reportDir: input.reportDir,
    ...(input.grep ? { grep: input.grep } : {}),
    keepPki: false,
    tool: { name: 'voltmx-conformance', version: 'bench' },
    log: (line) => process.stderr.write(`${line}\n`),
    ...(grid ? { appiumUrl: grid.grid.url.href } : {}),
  }).finally(() => grid?.stop());
  const statuses: Record<string, number> = {};
  for (const result of outcome.report.results) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
  return {
    devices: devices.map((d) => d.name),
    timings: outcome.timings,
    exitCode: outcome.exitCode,
    infrastructureErrors: outcome.report.infrastructureErrors,
    statuses,
    unexpected: outcome.report.results.filter((r) => r.unexpected).length,
    unexpectedResults: outcome.report.results.filter((r) => r.unexpected).slice(0, 3)
      .map((r) => `${r.requirement}@${r.device} ${r.status}: ${r.message.split('\n')[0]!.slice(0, 120)}`),
    orchestratorMaxRssKb: process.resourceUsage().maxRSS,
    ...(grid ? { gridStartMs } : {}),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await main(JSON.parse(process.argv[2] ?? '{}') as ConformanceRunInput);
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`);
  // WebdriverIO may leave handles open; everything this run started is already stopped.
  process.exit(0);
}

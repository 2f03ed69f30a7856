/**
 * 5. A whole conformance run (embedded servers, local Appium, reference devices) broken down
 * by stage, and how it scales with 1, 2 and 4 devices (--devices) in parallel, as ratios against the
 * 1-device run of the same bench. Each run is a child process so that the peak memory of its
 * whole tree (orchestrator, Appium, WebdriverIO workers) is measured alone.
 * Full: every spec file, once per device count (minutes). --quick: one spec file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importOr, type BenchContext } from '../context.js';
import { msFigure, ratioFigure } from '../measure.js';
import { DEFAULT_DEVICE_COUNTS } from '../options.js';
import { NotAvailableError, type Figure } from '../report.js';
import { spread } from '../stats.js';
import { summarizeAppiumLog, type AppiumLogSummary } from '../support/appium-log.js';
import { RESULT_PREFIX, type ConformanceRunInput, type ConformanceRunResult } from '../support/conformance-run-protocol.js';
import { runMeasuredChild, type MeasuredChild } from '../support/measured-child.js';
import type { BenchSection } from './types.js';

const WORKER = fileURLToPath(new URL('../workers/conformance-run.ts', import.meta.url));
const QUICK_SPEC = 'send-only-when-challenged.spec.ts';
const MB = 1024;

interface MeasuredRun {
  readonly devices: number;
  readonly result: ConformanceRunResult;
  readonly child: MeasuredChild;
  readonly appium: AppiumLogSummary;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const ms = (value: number | null) => (value === null ? '-' : `${Math.round(value)}`);
const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 200);
const plural = (n: number) => `${n} device${n === 1 ? '' : 's'}`;

function whyFailed(child: MeasuredChild): string {
  if (child.timedOut) return `timed out after ${Math.round(child.wallMs / 1000)} s (process group killed)`;
  return `the run's child exited ${child.code ?? child.signal}: ${firstLine(child.stderrTail.split('\n').slice(-1)[0] ?? '')}`;
}

function verdictNote(run: MeasuredRun): string {
  const { statuses, unexpected, unexpectedResults, infrastructureErrors } = run.result;
  const counts = Object.entries(statuses).map(([status, n]) => `${n} ${status}`).join(', ');
  const infra = infrastructureErrors.length ? `; INFRASTRUCTURE ERRORS: ${firstLine(infrastructureErrors[0]!)}` : '';
  const which = unexpectedResults.length ? ` (${unexpectedResults.join(' | ')})` : '';
  return `results ${counts || 'none'}, ${unexpected} unexpected${which}${infra}${run.child.leftovers ? '; leftover processes killed' : ''}`;
}

function breakdownNote(run: MeasuredRun): string {
  const t = run.result.timings;
  return `PKI ${ms(t.pkiMs)}, fleet ${ms(t.fleetMs)}, Appium ${ms(t.appiumMs)}, sessions ${run.appium.sessionsCreated}x ${ms(sum(run.appium.sessionCreateMs))}, `
    + `specs ${ms(t.specsMs)}, reports ${ms(t.reportsMs)}, teardown ${ms(t.teardownMs)} ms`;
}

function baselineFigures(run: MeasuredRun): Figure[] {
  const t = run.result.timings;
  const stage = (name: string, value: number | null, note?: string) => msFigure(`1 device: ${name}`, value === null ? [] : [value], note);
  const create = run.appium.sessionCreateMs;
  return [
    stage('test PKI (createTestPki)', t.pkiMs),
    stage('embedded server fleet start', t.fleetMs),
    stage('local Appium server start', t.appiumMs),
    stage('Appium sessions: POST /session, sum of server time', sum(create),
      `${create.length} sessions (one per device), median ${ms(spread(create).median)} ms; inside the specs stage`),
    stage('specs (WebdriverIO launcher: workers, sessions, tests)', t.specsMs,
      `${run.appium.commands} Appium requests, ${ms(run.appium.commandsMs)} ms of Appium server time`),
    stage('reports (outcomes, expectations, files)', t.reportsMs),
    stage('teardown (Appium, fleet, PKI)', t.teardownMs),
    stage('whole run (runConformance)', t.totalMs, `${verdictNote(run)}; child process wall ${ms(run.child.wallMs)} ms`),
  ];
}

function scalingFigures(run: MeasuredRun, base: MeasuredRun): Figure[] {
  const pair = (candidate: number | null, baseline: number | null) => {
    const c = candidate ?? Number.NaN;
    const b = baseline ?? Number.NaN;
    return { ratio: spread([c / b]), candidateMs: spread([c]), baselineMs: spread([b]) };
  };
  const t = run.result.timings;
  const b = base.result.timings;
  const label = `${run.devices} / 1 devices`;
  return [
    ratioFigure(`${label}: whole run`, '1-device run', pair(t.totalMs, b.totalMs), undefined, `${breakdownNote(run)}; ${verdictNote(run)}`),
    ratioFigure(`${label}: specs stage`, '1-device run', pair(t.specsMs, b.specsMs), undefined,
      `1.00 = fully parallel, ${run.devices}.00 = serial; ${run.appium.commands} Appium requests`),
  ];
}

function memoryFigure(run: MeasuredRun): Figure {
  const orchestrator = `orchestrator alone (getrusage maxRSS) ${(run.result.orchestratorMaxRssKb / MB).toFixed(0)} MB`;
  const peak = run.child.peak;
  if (!peak || peak.samples === 0) {
    return { name: `${plural(run.devices)}: peak RSS of the run's process tree`, unit: 'MB', value: spread([]), verdict: 'INFO', note: `not available: no /proc; ${orchestrator}` };
  }
  const pss = peak.pssKb === null ? 'PSS unreadable' : `PSS ${(peak.pssKb / MB).toFixed(0)} MB`;
  return {
    name: `${plural(run.devices)}: peak RSS of the run's process tree`, unit: 'MB', value: spread([peak.rssKb / MB]), verdict: 'INFO',
    note: `sum over up to ${peak.processes} processes (orchestrator with the launcher, Appium, WebdriverIO workers), ${pss}, ${peak.samples} samples; ${orchestrator}`,
  };
}

async function measure(devices: number, specs: readonly string[], dir: string, timeoutMs: number): Promise<MeasuredRun | string> {
  const input: ConformanceRunInput = { devices, specs, reportDir: join(dir, `conformance-run-${devices}`) };
  const child = await runMeasuredChild(WORKER, [JSON.stringify(input)], timeoutMs);
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (!line) return whyFailed(child);
  const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ConformanceRunResult;
  const appium = summarizeAppiumLog(await readFile(join(input.reportDir, 'appium.log'), 'utf8').catch(() => ''));
  return { devices, result, child, appium };
}

export const conformanceRunSection: BenchSection = {
  id: 'conformance-run',
  number: 5,
  title: 'Conformance run breakdown and scaling (1, 2, 4 devices)',
  async run(context: BenchContext): Promise<Figure[]> {
    const { specFiles, SPECS_DIR } = await importOr<typeof import('../../harness/run/spec-files.js')>('harness/run/spec-files.js', 'harness/run');
    const specs = context.quick ? [join(SPECS_DIR, QUICK_SPEC)] : specFiles();
    if (specs.length === 0) throw new NotAvailableError('no spec files in specs/');
    const dir = await context.dir();
    const timeoutMs = context.n(180_000, 1_800_000);
    const scope = context.quick ? `--quick: ${QUICK_SPEC} only` : `all ${specs.length} spec files`;

    const base = await measure(1, specs, dir, timeoutMs);
    if (typeof base === 'string') throw new NotAvailableError(`the 1-device baseline run failed: ${base}`);
    if (base.result.infrastructureErrors.length) {
      throw new NotAvailableError(`the 1-device baseline run had infrastructure errors: ${firstLine(base.result.infrastructureErrors[0]!)}`);
    }
    const figures = baselineFigures(base);
    figures[figures.length - 1] = { ...figures[figures.length - 1]!, note: `${scope}; ${figures[figures.length - 1]!.note}` };
    const memory = [memoryFigure(base)];
    for (const devices of (context.options.devices ?? DEFAULT_DEVICE_COUNTS).filter((n) => n > 1)) {
      const run = await measure(devices, specs, dir, timeoutMs);
      if (typeof run === 'string') {
        figures.push({ name: `${devices} / 1 devices: whole run`, unit: 'ratio', value: spread([]), baseline: '1-device run', verdict: 'INFO', note: `not available: ${run}` });
        continue;
      }
      figures.push(...scalingFigures(run, base));
      memory.push(memoryFigure(run));
    }
    return [...figures, ...memory];
  },
};

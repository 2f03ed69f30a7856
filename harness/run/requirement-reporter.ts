/**
 * WebdriverIO reporter that runs in each spec worker: turns every test whose title carries
 * requirement IDs ("[CA-REPLACE] ...") into TestOutcome lines in the run's outcomes folder,
 * with the evidence the spec recorded, and prints one progress line per test.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import WDIOReporter, { type HookStats, type RunnerStats, type SuiteStats, type TestStats } from '@wdio/reporter';
import { requirementIdsInTitle } from '../requirements/catalog.js';
import type { ResultStatus, TestOutcome } from '../results/types.js';
import { classifyError, errorMessage } from './classify-error.js';
import { takeEvidence } from './evidence.js';

export const DEVICE_CAPABILITY = 'voltmx:device';

export interface RequirementReporterOptions {
  readonly outcomesDir: string;
  /** Print a line per test on stdout (the launcher prefixes it with the worker id). */
  readonly progress?: boolean;
}

/** One line per event a worker can report outside a test: a failed hook, a worker error. */
export interface WorkerIncident {
  readonly kind: 'incident';
  /** hook: a mocha hook failed; session: the WebDriver session could not be created. */
  readonly stage: 'hook' | 'session';
  readonly device: string;
  readonly message: string;
}

/** Written when a spec file's first suite starts: its session exists and mocha runs. */
export interface SpecStarted {
  readonly kind: 'started';
  readonly device: string;
  readonly specs: readonly string[];
}

const SYMBOL: Record<ResultStatus, string> = { pass: 'ok', fail: 'FAIL', skip: 'skip', unimplemented: 'unimpl', error: 'ERROR', blocked: 'BLOCKD', differs: 'DIFFRS' };

export default class RequirementReporter extends WDIOReporter {
  private device = 'unknown-device';
  private readonly file: string;
  private readonly progress: boolean;
  private specFiles: readonly string[] = [];
  private started = false;

  constructor(options: RequirementReporterOptions & Record<string, unknown>) {
    // Keep WDIOReporter from opening a log stream of its own: we write our own files.
    super({ ...options, stdout: true, logFile: undefined });
    mkdirSync(options.outcomesDir, { recursive: true });
    this.file = join(options.outcomesDir, `outcomes-${process.pid}.jsonl`);
    this.progress = options.progress !== false;
  }

  override onRunnerStart(runner: RunnerStats): void {
    const caps = runner.capabilities as Record<string, unknown>;
    // What the worker asked for (the driver need not echo a vendor capability back).
    const requested = ((runner.config as { capabilities?: unknown } | undefined)?.capabilities ?? {}) as Record<string, unknown>;
    const name = requested[DEVICE_CAPABILITY] ?? caps[DEVICE_CAPABILITY] ?? caps[`appium:${DEVICE_CAPABILITY}`];
    if (typeof name === 'string') this.device = name;
    this.specFiles = runner.specs;
  }

  override onSuiteStart(_suite: SuiteStats): void {
    if (this.started) return;
    this.started = true;
    const started: SpecStarted = { kind: 'started', device: this.device, specs: this.specFiles };
    appendFileSync(this.file, `${JSON.stringify(started)}\n`);
  }

  override onTestPass(test: TestStats): void {
    this.record(test, 'pass', '');
  }

  override onTestFail(test: TestStats): void {
    const error = test.error ?? test.errors?.[0];
    this.record(test, classifyError(error), error ? errorMessage(error) : 'failed');
  }

  override onTestSkip(test: TestStats): void {
    this.record(test, 'skip', test.pendingReason ?? 'skipped');
  }

  override onHookEnd(hook: HookStats): void {
    if (!hook.error) return;
    this.incident('hook', `hook "${hook.title}" in "${hook.parent}" failed: ${hook.error.message}`);
  }

  override onRunnerEnd(runner: RunnerStats): void {
    if (runner.error && !this.started) this.incident('session', runner.error);
  }

  private incident(stage: WorkerIncident['stage'], message: string): void {
    const incident: WorkerIncident = { kind: 'incident', stage, device: this.device, message };
    appendFileSync(this.file, `${JSON.stringify(incident)}\n`);
  }

  private record(test: TestStats, status: ResultStatus, message: string): void {
    const evidence = takeEvidence();
    const ids = requirementIdsInTitle(test.title);
    const text = status === 'skip' && evidence.skipReason ? evidence.skipReason : message;
    for (const requirement of ids) {
      const outcome: TestOutcome = {
        requirement, device: this.device, title: test.fullTitle, status, message: text, durationMs: test.duration ?? 0,
        observation: evidence.observation ?? null, clientResult: evidence.clientResult ?? null, scenario: evidence.scenario ?? null,
        ...(evidence.exchanges?.length ? { exchanges: evidence.exchanges } : {}),
      };
      appendFileSync(this.file, `${JSON.stringify({ kind: 'outcome', ...outcome })}\n`);
    }
    if (this.progress) {
      const tag = ids.length ? '' : ' (no requirement ID: not counted)';
      process.stdout.write(`${SYMBOL[status].padEnd(6)} ${this.device}  ${test.fullTitle}${tag}\n`);
    }
  }
}

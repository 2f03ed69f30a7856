/**
 * 7. The device protocol over a whole run of the suite on both reference devices: Appium
 * requests and sessions per device (from the run's own appium.log), the emulator time they
 * would cost at --latency-ms per request and --session-ms per session, and the run's wall
 * time, each next to today's figures (support/protocol-baseline.ts). Always the whole suite,
 * also with --quick: a subset says nothing about a whole run.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importOr, type BenchContext } from '../context.js';
import { NotAvailableError, verdictOf, type Figure } from '../report.js';
import { spread } from '../stats.js';
import { summarizeAppiumLog } from '../support/appium-log.js';
import { RESULT_PREFIX, type ConformanceRunInput, type ConformanceRunResult } from '../support/conformance-run-protocol.js';
import { runMeasuredChild } from '../support/measured-child.js';
import { DEFAULT_LATENCY_MS, DEFAULT_SESSION_MS, GOALS, projectedMs, TODAY } from '../support/protocol-baseline.js';
import type { BenchSection } from './types.js';

const WORKER = fileURLToPath(new URL('../workers/conformance-run.ts', import.meta.url));

const one = (value: number) => spread([value]);
const x = (value: number) => `${value.toFixed(2)}x`;

function count(name: string, value: number, target: number | undefined, note: string): Figure {
  return { name, unit: 'count', value: one(value), ...(target !== undefined ? { target } : {}), verdict: verdictOf(value, target), note };
}

export const deviceProtocolSection: BenchSection = {
  id: 'device-protocol',
  number: 7,
  title: 'Device protocol: Appium requests, sessions and projected emulator time per device (whole suite)',
  async run(context: BenchContext): Promise<Figure[]> {
    const { specFiles } = await importOr<typeof import('../../harness/run/spec-files.js')>('harness/run/spec-files.js', 'harness/run');
    const latencyMs = context.options.latencyMs ?? DEFAULT_LATENCY_MS;
    const sessionMs = context.options.sessionMs ?? DEFAULT_SESSION_MS;
    const input: ConformanceRunInput = { devices: 2, specs: specFiles(), reportDir: join(await context.dir(), 'device-protocol') };
    const load = loadavg()[0]!.toFixed(1);
    const child = await runMeasuredChild(WORKER, [JSON.stringify(input)], 600_000);
    const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    if (!line) throw new NotAvailableError(`the run's child exited ${child.code ?? child.signal}${child.timedOut ? ' (timed out)' : ''}`);
    const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ConformanceRunResult;
    const log = summarizeAppiumLog(await readFile(join(input.reportDir, 'appium.log'), 'utf8').catch(() => ''));
    const verdict = `${result.unexpected} unexpected, ${result.infrastructureErrors.length} infrastructure errors`;
    const projection = `at ${latencyMs} ms/request + ${sessionMs} ms/session (--latency-ms, --session-ms)`;
    const figures: Figure[] = [];
    for (const device of result.devices) {
      const now = log.perDevice[device] ?? { requests: Number.NaN, sessions: Number.NaN };
      const today = TODAY.perDevice[device];
      const before = (figure: number | undefined) => (figure === undefined ? 'no figure for today' : `today ${figure}`);
      figures.push(
        count(`${device}: Appium requests, whole suite`, now.requests, GOALS.maxRequestsPerDevice,
          `${before(today?.requests)}${today ? ` (now ${x(now.requests / today.requests)})` : ''}; ${verdict}`),
        count(`${device}: Appium sessions, whole suite`, now.sessions, GOALS.sessionsPerDevice, before(today?.sessions)),
      );
      const projected = projectedMs(now, latencyMs, sessionMs);
      const projectedToday = today ? projectedMs(today, latencyMs, sessionMs) : Number.NaN;
      figures.push({
        name: `${device}: projected emulator time of the protocol`, unit: 'ratio', value: one(projected / projectedToday), baseline: `today's protocol, ${projection}`,
        candidateMs: one(projected), baselineMs: one(projectedToday), verdict: 'INFO',
        note: `${(projected / 1000).toFixed(0)} s now vs ${(projectedToday / 1000).toFixed(0)} s today, before any TLS work`,
      });
    }
    const total = result.timings.totalMs;
    figures.push({
      name: 'whole run, both reference devices (runConformance)', unit: 'ratio', value: one(total / TODAY.wholeRunMs), baseline: `today ${TODAY.wholeRunMs / 1000} s (idle machine)`,
      // INFO, not a target: today's figure was taken on another machine state, and wall time on a
      // shared machine moves with its load; the goal (<= 0.5) is checked by running both protocols
      // back to back under the same load (docs/benchmarks.md, section 7).
      candidateMs: one(total), baselineMs: one(TODAY.wholeRunMs), verdict: 'INFO',
      note: `goal <= ${GOALS.maxWallRatio} under the same load; specs ${result.timings.specsMs} ms (today ${TODAY.specsMs}); load average ${load} at the start`,
    });
    return figures;
  },
};

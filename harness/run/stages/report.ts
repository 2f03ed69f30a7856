/** Stage 6, report: the run report (verdict, provenance) and its files in the report folder. */
import { release, type as osType } from 'node:os';
import { join } from 'node:path';
import { implementationOf, publicCapabilities, publicUrl, type Provenance } from '../../reports/provenance.js';
import { buildRunReport, type RunReport } from '../../reports/run-report.js';
import { writeReports, type WrittenReports } from '../../reports/write-reports.js';
import type { RequirementResult } from '../../results/types.js';
import type { DeviceInfo } from '../device-info.js';
import { deviceCapabilities, type RunDevice } from '../devices-file.js';
import type { RunOptions } from '../run-options.js';
import { scrubFiles, scrubValue } from '../run-secrets.js';
import type { RunPlan } from './plan.js';

export interface ReportInput {
  readonly startedAt: string;
  readonly results: readonly RequirementResult[];
  readonly infrastructureErrors: readonly string[];
  /** Device name -> what its app reported about itself. */
  readonly deviceInfo: Readonly<Record<string, DeviceInfo>>;
  /** The run's server CA (PEM), when the PKI stage got that far: the devices' trust in provenance. */
  readonly serverCaPem: string | null;
}

function provenanceOf(options: RunOptions, devices: readonly RunDevice[], trustCa: string[]): Provenance {
  return {
    tool: options.tool,
    node: process.version,
    os: `${osType()} ${release()}`,
    backend: options.backend,
    appium: publicUrl(options.appiumUrl) ?? 'local (started by the run)',
    devices: devices.map((d) => {
      const capabilities = deviceCapabilities(d, trustCa);
      return { name: d.name, profile: d.profile.name, platform: d.profile.platform, implementation: implementationOf(capabilities), capabilities: publicCapabilities(capabilities) };
    }),
    expectations: options.expectationSources ?? [],
    filter: options.requirements?.length ? `--requirement ${options.requirements.join(' --requirement ')}` : options.grep ? `--grep ${options.grep}` : null,
  };
}

export async function writeRunReport(plan: RunPlan, options: RunOptions, secrets: readonly string[], input: ReportInput): Promise<{ report: RunReport; written: WrittenReports }> {
  const { devices } = plan;
  const report = scrubValue(buildRunReport({
    tool: options.tool, startedAt: input.startedAt, finishedAt: new Date().toISOString(),
    devices: devices.map((d) => ({ name: d.name, profile: d.profile.name, platform: d.profile.platform, ...(input.deviceInfo[d.name] ? { app: input.deviceInfo[d.name] } : {}) })),
    backend: options.backend, results: [...input.results], infrastructureErrors: [...input.infrastructureErrors],
    provenance: provenanceOf(options, devices, input.serverCaPem ? [input.serverCaPem] : []),
  }), secrets);
  // What Appium and WebdriverIO wrote into the report folder, after their own filters.
  await scrubFiles([join(plan.reportDir, 'appium.log'), join(plan.reportDir, 'wdio-logs')], secrets);
  return { report, written: await writeReports(plan.reportDir, report) };
}

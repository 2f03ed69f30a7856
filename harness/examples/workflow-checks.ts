/**
 * What a CI workflow that runs voltmx-conformance needs, checked step by step: a linter sees a
 * valid workflow, not one that fails on its first run. For each `voltmx-conformance` command of
 * a job, the steps before it must provide what that command's options need (npm ci, nginx for
 * `--servers nginx`, the restored persistent PKI checked with `pki init --expect-ca`, the
 * Appium driver, the emulator's or simulator's platform version, the simulator's trust step),
 * and its options must be ones the CLI takes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseCommandLine } from '../cli/parse-command-line.js';
import { parseDevicesFile } from '../run/devices-file.js';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, unknown>;
  readonly with?: Record<string, unknown>;
}

interface Job {
  readonly 'runs-on'?: unknown;
  readonly needs?: unknown;
  readonly env?: Record<string, unknown>;
  readonly steps?: Step[];
}

/** Android API levels of the emulator action -> the platform version the expectations compare. */
const ANDROID_VERSION_OF_API: Readonly<Record<string, string>> = { 29: '10', 30: '11', 31: '12', 32: '12', 33: '13', 34: '14', 35: '15', 36: '16' };
const REAL_DEVICE_PROFILES = new Set(['android-emulator', 'ios-simulator']);

/** The words of a shell command line: quotes removed, `${{ ... }}` expressions as one word. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\$\{\{[^}]*\}\}\S*|[^\s"']+)/g;
  for (const m of line.matchAll(pattern)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/** Every `voltmx-conformance ...` command of a step (line continuations joined). */
function conformanceCommands(text: string): string[][] {
  const joined = text.replace(/\\\n\s*/g, ' ');
  return [...joined.matchAll(/npx voltmx-conformance ([^\n;&|]*)/g)].map((m) => shellWords(m[1]!));
}

const stepText = (step: Step): string => [step.run ?? '', typeof step.with?.script === 'string' ? step.with.script : ''].join('\n');

/** Variables a job sets before step `index`: job env, the steps' own env, and `>> "$GITHUB_ENV"` lines. */
function variablesBefore(job: Job, index: number): Map<string, string> {
  const vars = new Map<string, string>(Object.entries(job.env ?? {}).map(([k, v]) => [k, String(v)]));
  (job.steps ?? []).slice(0, index).forEach((step) => {
    for (const m of (step.run ?? '').matchAll(/echo "([A-Z_][A-Z0-9_]*)=([^"]*)" >> "?\$GITHUB_ENV"?/g)) vars.set(m[1]!, m[2]!);
  });
  for (const [k, v] of Object.entries(job.steps?.[index]?.env ?? {})) vars.set(k, String(v));
  return vars;
}

export function workflowProblems(yamlText: string, repoRoot: string): string[] {
  const problems: string[] = [];
  const workflow = parse(yamlText) as { jobs?: Record<string, Job> };
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    const steps = job.steps ?? [];
    const say = (stepIndex: number, problem: string) => problems.push(`job ${jobName}, step ${stepIndex + 1} (${steps[stepIndex]?.name ?? steps[stepIndex]?.uses ?? steps[stepIndex]?.run?.split('\n')[0]}): ${problem}`);
    const before = (index: number, pattern: RegExp) => steps.slice(0, index).some((s) => pattern.test(stepText(s)) || pattern.test(s.uses ?? ''));
    const runsOn = JSON.stringify(job['runs-on'] ?? '');
    steps.forEach((step, index) => {
      for (const words of conformanceCommands(stepText(step))) {
        let parsed;
        try {
          parsed = parseCommandLine(words);
        } catch (error) {
          say(index, `voltmx-conformance ${words.join(' ')}: ${(error as Error).message}`);
          continue;
        }
        if (parsed.kind !== 'command') continue;
        if (!before(index, /\bnpm ci\b/)) say(index, 'no `npm ci` before it');
        const values = parsed.values as Record<string, unknown>;
        const vars = variablesBefore(job, index);
        if (parsed.command.name === 'merge') {
          if (!job.needs) say(index, 'merge in a job without `needs` (the shards must have finished)');
          if (!before(index, /^actions\/download-artifact@/)) say(index, 'merge without downloading the shards\' reports first');
          continue;
        }
        if (parsed.command.name === 'pki init' && values['expect-ca'] === undefined) say(index, 'pki init without --expect-ca: a lost PKI folder would quietly become a new CA the app does not trust');
        if (parsed.command.name !== 'run') continue;
        const devices = typeof values.devices === 'string' ? parseDevicesFile(JSON.parse(readFileSync(join(repoRoot, values.devices), 'utf8')), values.devices) : [];
        const profiles = new Set([...((values.device as string[] | undefined) ?? []), ...devices.map((d) => d.profile.name)]);
        if (values.servers === 'nginx' && !before(index, /apt-get install[^\n]*nginx-light[^\n]*libnginx-mod-http-echo|brew install[^\n]*nginx/)) {
          say(index, '--servers nginx without installing nginx and its echo module first (apt-get install -y nginx-light libnginx-mod-http-echo)');
        }
        if (values.pki !== undefined || [...profiles].some((p) => REAL_DEVICE_PROFILES.has(p))) {
          if (!vars.has('VOLTMX_PKI_DIR')) say(index, 'VOLTMX_PKI_DIR is not set: the persistent PKI would be looked for in the runner\'s empty home');
          else if (/github\.workspace|GITHUB_WORKSPACE/.test(vars.get('VOLTMX_PKI_DIR')!)) say(index, 'VOLTMX_PKI_DIR inside the checkout (refused: keep the PKI out of the repository)');
          if (!before(index, /tar [^\n]*-x[^\n]*\$VOLTMX_PKI_DIR/)) say(index, 'the persistent PKI is not restored (a cache is evicted after 7 days: restore it from a secret)');
          if (!before(index, /voltmx-conformance pki init [^\n]*--expect-ca/)) say(index, 'no `pki init --expect-ca <sha256>` before the run: a lost PKI would fail as a broken runtime');
        }
        if (profiles.has('android-emulator') && typeof values.devices !== 'string') {
          if (!before(index, /appium driver install uiautomator2/)) say(index, 'android-emulator without installing the UiAutomator2 driver');
          const api = String(step.with?.['api-level'] ?? '');
          const version = vars.get('VOLTMX_ANDROID_PLATFORM_VERSION');
          if (!version) say(index, 'android-emulator without VOLTMX_ANDROID_PLATFORM_VERSION: version conditions of expectations cannot apply');
          else if (api && ANDROID_VERSION_OF_API[api] !== version) say(index, `VOLTMX_ANDROID_PLATFORM_VERSION ${version} is not the emulator's (api-level ${api} is Android ${ANDROID_VERSION_OF_API[api] ?? '?'})`);
          if (/ubuntu/.test(runsOn) && !before(index, /kvm/i)) say(index, 'an emulator on a Linux runner without enabling KVM');
        }
        if (profiles.has('ios-simulator') && typeof values.devices !== 'string') {
          if (!/macos/.test(runsOn)) say(index, 'ios-simulator on a runner that is not macOS');
          if (!before(index, /appium driver install xcuitest/)) say(index, 'ios-simulator without installing the XCUITest driver');
          if (!vars.has('VOLTMX_IOS_UDID') && !before(index, /simctl keychain [^\n]*add-root-cert/)) say(index, 'no simulator trust step: set VOLTMX_IOS_UDID (the run adds the server CA to that simulator) or run simctl keychain add-root-cert');
          if (!vars.has('VOLTMX_IOS_PLATFORM_VERSION')) say(index, 'ios-simulator without VOLTMX_IOS_PLATFORM_VERSION: the PKCS#12 expectations depend on the iOS version');
        }
        for (const device of devices) {
          const version = device.capabilities?.['appium:platformVersion'];
          if (typeof version !== 'string') say(index, `device ${device.name} of ${String(values.devices)} has no appium:platformVersion (Grid slots and expectations need it)`);
        }
        if (!steps.slice(index + 1).some((s) => /^actions\/upload-artifact@/.test(s.uses ?? '') && /always\(\)/.test(s.if ?? ''))) {
          say(index, 'the reports are not uploaded with `if: always()` (a failing run is when they matter)');
        }
      }
    });
  }
  return problems;
}

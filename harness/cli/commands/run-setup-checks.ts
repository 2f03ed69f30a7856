/**
 * What `doctor` adds to the device checks: the persistent test PKI (state and expiry) that the
 * real-device profiles need, and the tools of the run's device preparation steps.
 */
import type { CheckResult, DoctorReport } from '../../../devices/doctor/index.js';
import { profileByName } from '../../../devices/profiles/index.js';
import { ADB_FIX, adbPath, XCRUN_FIX } from '../../../devices/prepare/index.js';
import { persistentPkiStatus, resolvePkiDir } from '../../../servers/pki/persistent/index.js';

export async function persistentPkiCheck(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  return (await persistentPkiChecks(env))[0]!;
}

const BUNDLED_TITLE = 'Persistent PKI bundled set (CA-LOAD-BUNDLED in a real app build; optional)';

/**
 * The PKI, then (when it is readable) its bundled set: optional, so never a profile's gap; a
 * build without it fails CA-LOAD-BUNDLED alone, and the check says how to add it.
 */
export async function persistentPkiChecks(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  const title = 'Persistent test PKI (android-emulator, ios-simulator, run --pki)';
  let dir: string;
  try {
    dir = resolvePkiDir(undefined, env);
  } catch (error) {
    return [{ id: 'persistent-pki', title, ok: false, detail: (error as Error).message }];
  }
  const status = await persistentPkiStatus(dir);
  const bundled: CheckResult[] = status.bundledSet
    ? [{ id: 'persistent-pki-bundled', title: BUNDLED_TITLE, ok: status.bundledSet === 'present', detail: status.bundledDetail ?? status.bundledSet, ...(status.bundledFix ? { fix: status.bundledFix } : {}) }]
    : [];
  return [pkiCheckOf(dir, title, status), ...bundled];
}

function pkiCheckOf(dir: string, title: string, status: Awaited<ReturnType<typeof persistentPkiStatus>>): CheckResult {
  return status.state === 'ready'
    ? { id: 'persistent-pki', title, ok: true, detail: `${dir}: server CA ${status.serverCaSha256?.slice(0, 16)}..., valid until ${status.notAfter} (${status.daysLeft} days)` }
    : { id: 'persistent-pki', title, ok: false, detail: `${dir}: ${status.state}`, ...(status.fix ? { fix: status.fix } : {}) };
}

/** From the device checks: adb for --adb-reverse, xcrun simctl for the simulator keychain step. */
export function preparationChecks(report: DoctorReport, env: NodeJS.ProcessEnv): CheckResult[] {
  const adb = report.checks.find((c) => c.id === 'adb');
  const simctl = report.checks.find((c) => c.id === 'xcrun-simctl');
  return [
    { id: 'adb-reverse', title: 'adb reverse (run --adb-reverse)', ok: adb?.ok === true, detail: adb?.ok ? `${adbPath(env)} reverse tcp:<port> tcp:<port> for every fleet port` : 'needs adb', ...(adb?.ok ? {} : { fix: adb?.fix ?? ADB_FIX }) },
    { id: 'simulator-keychain', title: 'simulator keychain (ios-simulator with VOLTMX_IOS_UDID)', ok: simctl?.ok === true, detail: simctl?.ok ? 'xcrun simctl keychain <udid> add-root-cert <server CA>' : 'needs xcrun simctl', ...(simctl?.ok ? {} : { fix: simctl?.fix ?? XCRUN_FIX }) },
  ];
}

/** The report with these checks, a missing PKI counted as a gap of the real-device profiles. */
export async function withRunSetupChecks(report: DoctorReport, env: NodeJS.ProcessEnv): Promise<DoctorReport> {
  const [pki, ...bundled] = await persistentPkiChecks(env);
  const checks = [...report.checks, pki!, ...bundled, ...preparationChecks(report, env)];
  const profiles = report.profiles.map((p) => (profileByName(p.profile).trustsBuiltInCa && !pki!.ok
    ? { ...p, ready: false, gaps: [...p.gaps, pki!] }
    : p));
  return { checks, profiles };
}

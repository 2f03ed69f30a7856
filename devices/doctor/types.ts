import type { ProfileName } from '../profiles/index.js';

export type CheckId =
  | 'node' | 'appium' | 'driver-reference' | 'driver-uiautomator2' | 'driver-xcuitest'
  | 'android-sdk' | 'adb' | 'emulator' | 'avds' | 'macos' | 'xcrun-simctl'
  | 'docker' | 'nginx' | 'openssl' | 'jsc'
  // Added by the harness's doctor command (servers/pki/persistent, devices/prepare).
  | 'persistent-pki' | 'persistent-pki-bundled' | 'adb-reverse' | 'simulator-keychain';

export interface CheckResult {
  readonly id: CheckId;
  readonly title: string;
  readonly ok: boolean;
  /** What was found (version, path) or what is missing. */
  readonly detail: string;
  /** The exact command (or step) that fixes the gap. */
  readonly fix?: string;
}

export interface ProfileReadiness {
  readonly profile: ProfileName;
  readonly ready: boolean;
  readonly gaps: readonly CheckResult[];
}

export interface DoctorReport {
  readonly checks: readonly CheckResult[];
  readonly profiles: readonly ProfileReadiness[];
}

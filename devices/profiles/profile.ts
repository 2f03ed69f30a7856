/** A device profile: how to get a session, where pushed files land, how the device reaches the host. */
import type { PushLayout } from './push-layout.js';

export type ProfileName = 'reference-android' | 'reference-ios' | 'android-emulator' | 'ios-simulator';

export type Requirement =
  | { kind: 'appium-driver'; driverName: string; installCommand: string }
  | { kind: 'android-sdk' }
  | { kind: 'avd'; name?: string }
  | { kind: 'xcode' }
  | { kind: 'app-file'; path?: string; envVar: string };

export interface CapabilityOptions {
  trustCa: string[];
  bundledFiles?: string;
}

export interface DeviceProfile {
  readonly name: ProfileName;
  readonly platform: 'android' | 'ios';
  /**
   * W3C capabilities for a new session (vendor-prefixed where not standard). `bundledFiles`:
   * the run's folder of files an app build would bundle (the reference driver ships them).
   */
  capabilities(options: CapabilityOptions): Record<string, unknown>;
  /** The app id terminateApp / activateApp / queryAppState take. */
  readonly appId: string;
  /** Where pushFile must write `fileName` so the app finds it in its data directory (as the app's info reported it, when known). */
  pushPath(fileName: string, dataDirectory?: string | null): string;
  /** The rule behind pushPath, for the spec workers (they learn the data directory from the app's info command). */
  readonly pushLayout: PushLayout;
  /**
   * How long the specs wait for one command (a batch counts as one) before the device counts
   * as stuck: an infrastructure error, never a conformance failure. Real devices get more.
   */
  readonly actionTimeoutMs: number;
  /**
   * How long the app waits for the runtime's answer to one call before it reports `timedOut`
   * itself (a failure of the runtime, not of the device); 3/4 of actionTimeoutMs unless set.
   * Kept apart from the action timeout: a short deadline keeps hangs quick to judge while a
   * slow launch still gets the whole action timeout.
   */
  readonly appDeadlineMs?: number;
  /** What to type into cert-input for that file (the app resolves relative paths in its data directory). */
  appPath(fileName: string): string;
  /**
   * The host name the device uses for servers on the host. The Android emulator's is
   * 10.0.2.2: a setting for real emulator runs only, never a target of this project's tests.
   */
  readonly hostAlias: string;
  /**
   * The app under test trusts a server CA built into it (network security config, simulator
   * keychain): runs use the persistent test PKI by default (`voltmx-conformance pki init`).
   */
  readonly trustsBuiltInCa?: boolean;
  /** iOS simulator udid when known (VOLTMX_IOS_UDID): the run adds the server CA to its keychain. */
  readonly simulatorUdid?: string;
  /** What doctor checks before this profile can run. */
  readonly requirements: readonly Requirement[];
}

/** A device profile: how to get a session, where pushed files land, how the device reaches the host. */
export type ProfileName = 'reference-android' | 'reference-ios' | 'android-emulator' | 'ios-simulator';

export type Requirement =
  | { kind: 'appium-driver'; driverName: string; installCommand: string }
  | { kind: 'android-sdk' }
  | { kind: 'avd'; name?: string }
  | { kind: 'xcode' }
  | { kind: 'app-file'; path?: string; envVar: string };

export interface DeviceProfile {
  readonly name: ProfileName;
  readonly platform: 'android' | 'ios';
  /** W3C capabilities for a new session (vendor-prefixed where not standard). */
  capabilities(options: { trustCa: string[] }): Record<string, unknown>;
  /** The app id terminateApp / activateApp / queryAppState take. */
  readonly appId: string;
  /** Where pushFile must write `fileName` so the app finds it in its data directory. */
  pushPath(fileName: string): string;
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

/**
 * What the app under test said about itself (its `info` command), passed from the spec code
 * to the reporter of the same worker, which writes it once into the outcomes so the reports
 * can name what was tested. On globalThis for the same reason as evidence.ts.
 */
export interface DeviceInfo {
  readonly platform: string;
  readonly runtimeVersion: string | null;
  readonly appVersion: string | null;
  readonly dataDirectory: string;
  readonly cacheDirectory: string | null;
}

const SLOT = Symbol.for('voltmx-conformance.device-info');
type Holder = { [SLOT]?: DeviceInfo };

export function recordDeviceInfo(info: DeviceInfo): void {
  (globalThis as Holder)[SLOT] = { platform: info.platform, runtimeVersion: info.runtimeVersion, appVersion: info.appVersion, dataDirectory: info.dataDirectory, cacheDirectory: info.cacheDirectory };
}

/** Returns and clears what was recorded since the last call. */
export function takeDeviceInfo(): DeviceInfo | undefined {
  const holder = globalThis as Holder;
  const info = holder[SLOT];
  delete holder[SLOT];
  return info;
}

/** What the app under test said about itself (its `info` command): the reports name what was tested. */
export interface DeviceInfo {
  readonly platform: string;
  readonly runtimeVersion: string | null;
  readonly appVersion: string | null;
  readonly dataDirectory: string;
  readonly cacheDirectory: string | null;
}

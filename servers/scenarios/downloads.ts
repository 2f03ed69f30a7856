/**
 * Which scenario serves which PKCS#12 bundles under /p12/. On loopback every scenario serves
 * every bundle (handy for manual work). Exposed beyond loopback the fleet serves nothing a
 * scenario does not need: only no-client-auth serves /p12/, and only the bundles the specs
 * download (specs/loading.spec.ts and specs/request-apis.spec.ts load rsa-a and ec-b, modern
 * for Android and legacy for iOS).
 */
export interface DownloadPolicy {
  /** Scenario ids with a /p12/ location; 'all': every scenario. */
  readonly scenarios: 'all' | readonly string[];
  /** Bundle names served there; 'all': every bundle of the PKI. */
  readonly bundles: 'all' | readonly string[];
}

export const DOWNLOAD_SCENARIO = 'no-client-auth';
export const SPEC_DOWNLOADS: readonly string[] = ['rsa-a.modern', 'rsa-a.legacy', 'ec-b.modern', 'ec-b.legacy'];

export const SERVE_ALL: DownloadPolicy = { scenarios: 'all', bundles: 'all' };
export const SERVE_SPEC_DOWNLOADS: DownloadPolicy = { scenarios: [DOWNLOAD_SCENARIO], bundles: SPEC_DOWNLOADS };

export function servesDownloads(policy: DownloadPolicy, scenarioId: string): boolean {
  return policy.scenarios === 'all' || policy.scenarios.includes(scenarioId);
}

export function servesBundle(policy: DownloadPolicy, bundleName: string): boolean {
  return policy.bundles === 'all' || policy.bundles.includes(bundleName);
}

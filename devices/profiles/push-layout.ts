/**
 * Where Appium's pushFile must write so that the app finds a file in its data directory
 * (voltmx.io.FileSystem.getDataDirectoryPath()). The app's `info` command tells the data
 * directory as the app sees it; these rules turn it into the driver's remote path form.
 */
export type PushLayout =
  /** The reference driver: paths relative to the app sandbox, which is the data directory. */
  | 'sandbox'
  /** UiAutomator2: "@<package>/<path inside the app's private folder>" (run-as, debuggable build). */
  | 'android-app-data'
  /** XCUITest on a simulator: "@<bundleId>:data/<path inside the app's data container>". */
  | 'ios-app-container'
  /**
   * XCUITest on a real iPhone (a lab's or a farm's): only "@<bundleId>:documents/<path inside
   * Documents>" works there, and only for an app built with UIFileSharingEnabled (Info.plist).
   */
  | 'ios-documents';

export const PUSH_LAYOUTS: readonly PushLayout[] = ['sandbox', 'android-app-data', 'ios-app-container', 'ios-documents'];

/** The platform a layout belongs to (null: any, the reference driver's sandbox). */
export function pushLayoutPlatform(layout: PushLayout): 'android' | 'ios' | null {
  return layout === 'android-app-data' ? 'android' : layout === 'sandbox' ? null : 'ios';
}

/** The data folder assumed until the app has said where its data directory is. */
const DEFAULT_FOLDER: Record<PushLayout, string> = { sandbox: '', 'android-app-data': 'files', 'ios-app-container': 'Documents', 'ios-documents': '' };

function folderInside(layout: PushLayout, appId: string, dataDirectory: string | null): string {
  const dir = dataDirectory?.replace(/\/+$/, '');
  if (!dir) return DEFAULT_FOLDER[layout];
  if (layout === 'android-app-data') {
    // /data/user/0/<pkg>/files or /data/data/<pkg>/files -> files
    const at = dir.indexOf(`/${appId}/`);
    return at >= 0 ? dir.slice(at + appId.length + 2) : DEFAULT_FOLDER[layout];
  }
  if (layout === 'ios-app-container') {
    // .../Containers/Data/Application/<UUID>/Documents -> Documents (or Library/..., wherever the app looks)
    const match = /\/Data\/Application\/[^/]+\/(.+)$/.exec(dir);
    return match ? match[1]! : DEFAULT_FOLDER[layout];
  }
  if (layout === 'ios-documents') {
    // Paths are relative to Documents itself: .../<UUID>/Documents/certs -> certs. A data
    // directory outside Documents cannot be reached on a real device: Documents' root then.
    const match = /\/Documents(?:\/(.+))?$/.exec(dir);
    return match?.[1] ?? '';
  }
  return '';
}

export function pushPathFor(layout: PushLayout, appId: string, fileName: string, dataDirectory: string | null = null): string {
  const folder = folderInside(layout, appId, dataDirectory);
  const path = folder ? `${folder}/${fileName}` : fileName;
  switch (layout) {
    case 'sandbox': return path;
    case 'android-app-data': return `@${appId}/${path}`;
    case 'ios-app-container': return `@${appId}:data/${path}`;
    case 'ios-documents': return `@${appId}:documents/${path}`;
  }
}

/**
 * `pki export`: the server CA in the form a test build needs. Public certificates only; the
 * root keys never leave the PKI folder.
 *  - pem: the CA as PEM at <out>
 *  - der: the CA as DER at <out>
 *  - android: <out>/res/raw/voltmx_test_ca.pem and <out>/res/xml/network_security_config.xml
 *  - ios: the CA as PEM at <out>, for `xcrun simctl keychain <udid> add-root-cert <out>`
 *  - bundle: the bundled set's .p12 files in the folder <out>, for the app to ship
 *    (CA-LOAD-BUNDLED); their password stays in the PKI folder (a run reads it there)
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { bundledSetFix, describeBundledSet } from './bundled-set.js';
import { PersistentPkiNoBundledSetError } from './errors.js';
import { loadPersistentPki } from './persistent-pki.js';

export const EXPORT_FORMATS = ['pem', 'der', 'android', 'ios', 'bundle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The raw resource name the network security config refers to (@raw/voltmx_test_ca). */
export const ANDROID_CA_RESOURCE = 'voltmx_test_ca';

/** Trusts the test server CA (and the system's), for a test build only. */
export const NETWORK_SECURITY_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<!-- voltmx-conformance test build only: trusts the persistent test server CA. -->
<network-security-config>
  <base-config cleartextTrafficPermitted="false">
    <trust-anchors>
      <certificates src="@raw/${ANDROID_CA_RESOURCE}" />
      <certificates src="system" />
    </trust-anchors>
  </base-config>
</network-security-config>
`;

/** Where the bundled files go in an app build (docs/app-kit.md, section 6). */
export const BUNDLE_NEXT_STEPS: readonly string[] = [
  'Android: put the files in the app\'s assets/ folder (not res/raw: resource names cannot hold "-" or "."); host.copyBundledFile, the FFI of docs/app-kit.md section 6, copies them from there (getAssets().open(name)) to voltmx.io.FileSystem.getCacheDirectoryPath()',
  'iOS: add the files to the project as resources, so that they are copied into the app bundle; host.bundledFilePath returns [[NSBundle mainBundle] pathForResource:name ofType:nil]',
  'rebuild the app once; run --pki on this PKI loads them with the password kept in the PKI folder (never exported) and checks the identities they hold',
];

export interface ExportResult {
  readonly format: ExportFormat;
  readonly files: readonly string[];
  readonly serverCaSha256: string;
  /** What to do with the files next. */
  readonly next: readonly string[];
}

async function write(path: string, data: string | Buffer): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data, { mode: 0o644 });
  return path;
}

export async function exportPersistentPki(dir: string, format: ExportFormat, out: string): Promise<ExportResult> {
  // Expiry is not a reason to refuse an export: show and doctor report it.
  const pki = await loadPersistentPki(dir, { minimumDaysLeft: 0 });
  const pem = await readFile(pki.serverCa, 'utf8');
  const target = resolve(out);
  const result = (files: string[], next: readonly string[]): ExportResult => ({ format, files, serverCaSha256: pki.serverCaSha256, next });
  switch (format) {
    case 'pem':
      return result([await write(target, pem)], []);
    case 'der':
      return result([await write(target, new X509Certificate(pem).raw)], []);
    case 'android': {
      const files = [
        await write(join(target, 'res', 'raw', `${ANDROID_CA_RESOURCE}.pem`), pem),
        await write(join(target, 'res', 'xml', 'network_security_config.xml'), NETWORK_SECURITY_CONFIG),
      ];
      return result(files, [
        'add android:networkSecurityConfig="@xml/network_security_config" to <application> of the test build\'s AndroidManifest.xml',
        'build the app once; it keeps working for every run on this PKI (run --pki)',
      ]);
    }
    case 'bundle': {
      if (pki.bundled.state !== 'present') {
        throw new PersistentPkiNoBundledSetError(dir, describeBundledSet(pki.bundled), bundledSetFix(dir, pki.bundled.state)!);
      }
      const files: string[] = [];
      for (const file of pki.bundled.set.files) files.push(await write(join(target, file.fileName), await readFile(file.path)));
      return result(files, BUNDLE_NEXT_STEPS);
    }
    case 'ios':
      return result([await write(target, pem)], [
        `xcrun simctl keychain <udid|booted> add-root-cert ${JSON.stringify(target)}`,
        '(run --device ios-simulator does this itself when VOLTMX_IOS_UDID is set)',
      ]);
  }
}

/**
 * Files bundled with the app (CA-LOAD-BUNDLED, the pre-bundled path): which .p12 files the app
 * must ship, with which password, and which identity the server must then see. On a persistent
 * PKI with a bundled set these are its long-lived files (`pki export --format bundle`), the only
 * ones a real app build can carry from run to run; otherwise the run's own bundles. The reference
 * devices ship that very folder as their app's bundled files (capability voltmx:bundleDir), as a
 * real build ships them in assets/ (Android) or its bundle (iOS).
 */
import { dirname } from 'node:path';
import type { CreatedTestPki } from '../../servers/pki/index.js';
import { BUNDLED_SET } from '../../servers/pki/pki-plan.js';
import { bundledSetFix, describeBundledSet, type LoadedPersistentPki } from '../../servers/pki/persistent/index.js';
import type { RunContextBundled, RunContextBundledFile } from './run-context.js';

export interface RunBundledFiles extends RunContextBundled {
  /** The folder the reference devices ship as their bundled files; undefined when there is none. */
  readonly dir: string | undefined;
}

/** The folder every bundle of the run's PKI is in, or undefined when the PKI has none. */
export function bundledFilesOf(pki: Pick<CreatedTestPki, 'bundles'>): string | undefined {
  const folders = new Set(Object.values(pki.bundles).map((b) => dirname(b.path)));
  return folders.size === 1 ? [...folders][0] : undefined;
}

/** The run's bundled files: the persistent PKI's set when it has one, else the run's own bundles. */
export function runBundledFiles(pki: Pick<CreatedTestPki, 'bundles' | 'identities'>, persistent?: Pick<LoadedPersistentPki, 'bundled'>): RunBundledFiles {
  if (persistent?.bundled.state === 'present') {
    const set = persistent.bundled.set;
    const files = Object.fromEntries(set.files.map((f): [string, RunContextBundledFile] => [f.name, {
      name: f.name, fileName: f.fileName, password: set.password, path: f.path, identity: f.identity,
      expected: { keyType: f.keyType, subject: f.subject, issuer: f.issuer, serial: f.serial, fingerprint: f.fingerprint },
    }]));
    return { from: 'persistent-pki', dir: set.dir, files };
  }
  const files: Record<string, RunContextBundledFile> = {};
  for (const plan of BUNDLED_SET) {
    const bundle = pki.bundles[plan.name];
    const identity = pki.identities[plan.identities[0]!];
    if (!bundle || !identity) continue;
    files[plan.name] = {
      name: bundle.name, fileName: bundle.fileName, password: bundle.password, path: bundle.path, identity: identity.name,
      expected: { keyType: identity.keyType, subject: identity.subject, issuer: identity.issuer, serial: identity.serial, fingerprint: identity.fingerprint },
    };
  }
  return { from: 'run-pki', dir: bundledFilesOf(pki), files };
}

/** Said once by a run on a persistent PKI without a usable bundled set; undefined when it has one. */
export function bundledSetNotice(persistent: Pick<LoadedPersistentPki, 'bundled' | 'dir'>): string | undefined {
  if (persistent.bundled.state === 'present') return undefined;
  return `  note: the persistent test PKI's bundled set is ${describeBundledSet(persistent.bundled)}: CA-LOAD-BUNDLED needs it in a real app build. `
    + `Fix: ${bundledSetFix(persistent.dir, persistent.bundled.state)}. Until then this run uses its own fresh bundles, which only the reference devices ship.`;
}

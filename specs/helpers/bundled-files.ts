/**
 * CA-LOAD-BUNDLED's precondition: the app ships the very .p12 files the run loads by name. A
 * build with stale or missing files cannot be judged (no runtime could pass it), so that is an
 * infrastructure error naming the fix, not the runtime's failure. A build without the optional
 * bundled-file hooks cannot be judged either, but chose so: the requirement is skipped, its
 * reason saying how to add them.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { ReadFileResult } from '../../devices/conformance-app/contract.js';
import { recordEvidence } from '../../harness/run/evidence.js';
import type { RunContextBundled, RunContextBundledFile } from '../../harness/run/run-context.js';
import { SpecsError } from '../../support/errors/index.js';

const SHIP = 'ship the files of `npx voltmx-conformance pki export --format bundle --out <dir>` in the app (Android: assets/; iOS: resources copied into the bundle; docs/app-kit.md, section 6) and rebuild it';

/** The app's bundled file is missing or not the one this run loads: the build, not the runtime. */
export class BundledFileMismatchError extends SpecsError {
  constructor(readonly code: 'BUNDLED_FILE_MISSING' | 'BUNDLED_FILE_STALE', message: string) {
    super(message);
  }
}

/** How to get a build whose bundled files this run can use. */
export function bundledFilesFix(from: RunContextBundled['from']): string {
  return from === 'persistent-pki'
    ? SHIP
    : 'this run has no persistent bundled set, so it loads its own fresh .p12 files, which no app build can carry: '
      + 'run on the persistent PKI (`npx voltmx-conformance pki init` adds the bundled set to an older one, its roots unchanged), '
      + `${SHIP.replace(/ and rebuild it$/, '')}, rebuild it and run with --pki`;
}

/** Why CA-LOAD-BUNDLED is skipped: the app wires none of the optional bundled-file hooks; null when it does. */
export function bundledHooksMissing(read: ReadFileResult): string | null {
  const appError = (read as { appError?: unknown }).appError;
  if (typeof appError !== 'string' || !appError.startsWith('APP_BUNDLED_HOOK_MISSING')) return null;
  return `the app wires no bundled-file hook (${appError}), so CA-LOAD-BUNDLED is not judged: add host.copyBundledFile `
    + '(Android: an FFI copying from assets/) or host.bundledFilePath (iOS: the path in the bundle), see docs/app-kit.md section 6; '
    + `then ${SHIP}`;
}

/** Throws unless the app's copy (read with read-file, source bundled) equals the run's file byte for byte. */
export async function assertShipsBundledFile(read: ReadFileResult, file: RunContextBundledFile, from: RunContextBundled['from']): Promise<void> {
  recordEvidence({ clientResult: read });
  const appError = (read as { appError?: unknown }).appError;
  if (typeof appError === 'string') {
    assert.fail(`the app cannot read its bundled file ${file.fileName} (${appError}): check the bundled-file hooks `
      + '(host.copyBundledFile on Android, host.bundledFilePath on iOS), see docs/app-kit.md section 6');
  }
  if (read.base64 === null || read.base64 === undefined) {
    throw new BundledFileMismatchError('BUNDLED_FILE_MISSING', `the app ships no bundled file ${file.fileName}, so CA-LOAD-BUNDLED cannot be judged; fix: ${bundledFilesFix(from)}`);
  }
  const expected = await readFile(file.path);
  if (!Buffer.from(read.base64, 'base64').equals(expected)) {
    throw new BundledFileMismatchError('BUNDLED_FILE_STALE', `the app's bundled ${file.fileName} is not the file this run loads (a build made for another PKI or an older bundled set), so CA-LOAD-BUNDLED cannot be judged; fix: ${bundledFilesFix(from)}`);
  }
}

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ReadFileResult } from '../../devices/conformance-app/contract.js';
import { classifyError } from '../../harness/run/classify-error.js';
import type { RunContextBundledFile } from '../../harness/run/run-context.js';
import { assertShipsBundledFile, BundledFileMismatchError, bundledHooksMissing } from './bundled-files.js';

let dir: string;
let file: RunContextBundledFile;
const bytes = Buffer.from([0x30, 0x82, 0x00, 0xff, 0x0a, 0x0d, 0x80]);
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-bundled-helper-test-'));
  const path = join(dir, 'rsa-a.modern.p12');
  await writeFile(path, bytes);
  file = { name: 'rsa-a.modern', fileName: 'rsa-a.modern.p12', password: 'unused', path, identity: 'rsa-a', expected: { keyType: 'RSA', subject: '', issuer: '', serial: '', fingerprint: 'f' } };
});
after(async () => { await rm(dir, { recursive: true, force: true }); });

const read = (value: Partial<ReadFileResult> & { appError?: string }): ReadFileResult => ({ seq: 1, done: true, action: 'read-file', base64: null, ...value });

async function outcome(result: ReadFileResult, from: 'persistent-pki' | 'run-pki' = 'persistent-pki'): Promise<{ status: string; message: string } | null> {
  try {
    await assertShipsBundledFile(result, file, from);
    return null;
  } catch (error) {
    return { status: classifyError(error as Error), message: (error as Error).message };
  }
}

test('the very file: judged further (nothing thrown)', async () => {
  assert.equal(await outcome(read({ base64: bytes.toString('base64') })), null);
});

test('a missing or different file is not the runtime\'s failure: an error naming the export, the ship and the rebuild', async () => {
  const missing = await outcome(read({ base64: null }));
  assert.equal(missing?.status, 'error');
  assert.match(missing!.message, /ships no bundled file rsa-a\.modern\.p12.*pki export --format bundle --out <dir>.*assets\/.*rebuild/);
  const stale = await outcome(read({ base64: Buffer.concat([bytes, Buffer.from([0])]).toString('base64') }));
  assert.equal(stale?.status, 'error');
  assert.match(stale!.message, /not the file this run loads/);
  // Without a persistent bundled set no build can match: the fix is the persistent PKI's set.
  const run = await outcome(read({ base64: null }), 'run-pki');
  assert.match(run!.message, /no persistent bundled set.*pki init.*pki export --format bundle.*--pki/);
  assert.ok(new BundledFileMismatchError('BUNDLED_FILE_STALE', 'x').qualifiedCode.endsWith('BUNDLED_FILE_STALE'));
});

test('an app without the optional hooks is not judged on CA-LOAD-BUNDLED: the skip reason says how to add them', async () => {
  const hookless = read({ appError: 'APP_BUNDLED_HOOK_MISSING: the app wires no host.copyBundledFile hook' });
  assert.match(bundledHooksMissing(hookless) ?? '', /host\.copyBundledFile.*host\.bundledFilePath.*docs\/app-kit\.md section 6.*pki export --format bundle/);
  assert.equal(bundledHooksMissing(read({ base64: null })), null, 'a missing file is not a missing hook');
  // Any other app error reading the file is a failure of the requirement.
  const unreadable = await outcome(read({ appError: 'APP_FILE_UNREADABLE: permission denied' }));
  assert.equal(unreadable?.status, 'fail');
  assert.match(unreadable!.message, /cannot read its bundled file.*host\.copyBundledFile/);
});

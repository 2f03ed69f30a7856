import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { test } from 'node:test';
import { PrivateFolderRemovedError } from './errors.js';
import { PrivateFolder } from './private-folder.js';

test('files 0600 in 0700 subfolders', async () => {
  const folder = await PrivateFolder.create('pki-private-folder-test-');
  try {
    const path = await folder.write('p12/deep/a.p12', 'bytes');
    assert.equal(await readFile(path, 'utf8'), 'bytes');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    for (const dir of [folder.path, `${folder.path}/p12`, `${folder.path}/p12/deep`]) assert.equal(statSync(dir).mode & 0o777, 0o700, dir);
  } finally {
    await folder.remove();
  }
});

test('after remove() nothing is written, and the folder is not recreated', async () => {
  const folder = await PrivateFolder.create('pki-private-folder-test-');
  await folder.remove();
  await assert.rejects(folder.write('p12/late.p12', 'key material'), PrivateFolderRemovedError);
  assert.equal(existsSync(folder.path), false);
});

test('removed from outside (a cleanup racing generation): a subfolder write fails instead of recreating the base', async () => {
  const folder = await PrivateFolder.create('pki-private-folder-test-');
  await rm(folder.path, { recursive: true, force: true });
  await assert.rejects(folder.write('p12/late.p12', 'key material'), /ENOENT/);
  assert.equal(existsSync(folder.path), false);
});

/** `app-kit`: the kit built for the persistent PKI, and its guide; no PKI is a usage error with the fix. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { KIT_FILE_NAME, KIT_VERSION } from '../../../devices/app-kit/build-kit.js';
import { scanKit } from '../../../devices/app-kit/testing/es5-globals.js';
import { initPersistentPki } from '../../../servers/pki/persistent/index.js';
import { globalHelp } from '../commands.js';
import { main } from '../main.js';
import { GUIDE_FILE_NAME, GUIDE_SOURCE } from './app-kit-command.js';

let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'voltmx-app-kit-cli-'));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

test('app-kit writes the ES5 kit built for the persistent PKI and the guide', async () => {
  const pkiDir = join(work, 'pki');
  const pki = await initPersistentPki(pkiDir);
  const out = join(work, 'kit');
  const { io, out: lines, err } = capture();
  assert.equal(await main(['app-kit', '--out', out, '--pki', pkiDir], io), 0, err.join('\n'));
  const kit = await readFile(join(out, KIT_FILE_NAME), 'utf8');
  assert.ok(kit.includes(`var CA_FINGERPRINT = "${pki.serverCaSha256}";`));
  assert.ok(kit.includes(`var KIT_VERSION = "${KIT_VERSION}";`));
  assert.deepEqual(scanKit(kit).disallowed, []);
  assert.equal(await readFile(join(out, GUIDE_FILE_NAME), 'utf8'), await readFile(GUIDE_SOURCE, 'utf8'));
  assert.ok(lines.some((l) => l.includes(pki.serverCaSha256)), lines.join('\n'));
  assert.match(globalHelp(), /app-kit/);
});

test('app-kit without a persistent PKI says the fix (exit 2); without --out it is a usage error', async () => {
  const { io, err } = capture();
  assert.equal(await main(['app-kit', '--out', join(work, 'none'), '--pki', join(work, 'no-pki')], io), 2);
  assert.match(err.join('\n'), /PKI_NOT_INITIALIZED.*pki init/s);
  assert.equal(await main(['app-kit'], capture().io), 2);
});

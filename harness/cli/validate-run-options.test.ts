import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UsageError } from './errors.js';
import { checkAppiumUrl, checkImplementation, checkRequirementFilter, requirementGrep, selectDevices } from './validate-run-options.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-validate-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('--implementation: missing, not loading, or without a RuntimeFactory is a usage error', async () => {
  await assert.rejects(checkImplementation(join(dir, 'nope.js')), (e: unknown) => e instanceof UsageError && /no such module/.test(e.message));
  await writeFile(join(dir, 'broken.mjs'), 'export const x = ;\n');
  await assert.rejects(checkImplementation(join(dir, 'broken.mjs')), (e: unknown) => e instanceof UsageError && /does not load/.test(e.message));
  await writeFile(join(dir, 'empty.mjs'), 'export const x = 1;\n');
  await assert.rejects(checkImplementation(join(dir, 'empty.mjs')), (e: unknown) => e instanceof UsageError && /no RuntimeFactory/.test(e.message));
  await writeFile(join(dir, 'ok.mjs'), 'export function createRuntime() { return {}; }\n');
  assert.equal(await checkImplementation(join(dir, 'ok.mjs')), join(dir, 'ok.mjs'));
});

test('--appium-url must be an http(s) URL with a host', () => {
  for (const bad of ['localhost:4723', 'not a url', 'ftp://x/', 'http://']) assert.throws(() => checkAppiumUrl(bad, '--appium-url'), UsageError, bad);
  assert.equal(checkAppiumUrl('http://127.0.0.1:4723/', '--appium-url'), 'http://127.0.0.1:4723/');
  // Credentials: from the URL, else from VOLTMX_APPIUM_USER / VOLTMX_APPIUM_KEY (a rerun line's URL has none).
  const env = { VOLTMX_APPIUM_USER: 'lab user', VOLTMX_APPIUM_KEY: 'k@y:1' };
  assert.equal(checkAppiumUrl('https://hub.example/wd/hub', '--appium-url', env), 'https://lab%20user:k%40y%3A1@hub.example/wd/hub');
  assert.equal(checkAppiumUrl('https://a:b@hub.example/wd/hub', '--appium-url', env), 'https://a:b@hub.example/wd/hub');
  assert.throws(() => checkAppiumUrl('ftp://user:Sup3rSecret@hub/', '--appium-url'), (e: Error) => !e.message.includes('Sup3rSecret'));
  assert.throws(() => checkAppiumUrl('http://user:Sup3rSecret@', '--appium-url'), (e: Error) => !e.message.includes('Sup3rSecret'));
});

test('--requirement: catalog IDs of the client, deduplicated; grep matches exactly those titles', () => {
  assert.throws(() => checkRequirementFilter(['CA-NOPE']), /unknown requirement ID CA-NOPE/);
  assert.throws(() => checkRequirementFilter(['CA-SERVER-ADVERTISES-CAS']), /judge the servers/);
  assert.deepEqual(checkRequirementFilter(['CA-REPLACE', 'CA-REPLACE']), ['CA-REPLACE']);
  const grep = new RegExp(requirementGrep(['CA-REPLACE', 'CA-TLS13']));
  assert.ok(grep.test('replacing.[CA-REPLACE] rsa-a then ec-b'));
  assert.ok(!grep.test('[CA-REPLACE-KEEPALIVE] pooled'), 'exact: no prefix match');
  assert.ok(grep.test('[CA-TLS13] only'));
});

test('--only-device: picks devices of the file in its order; unknown names list the file\'s; needs --devices', () => {
  const devices = [{ name: 'phone-1' }, { name: 'phone-2' }, { name: 'tablet' }];
  assert.deepEqual(selectDevices(devices, undefined, 'd.json'), devices);
  assert.deepEqual(selectDevices(devices, ['tablet', 'phone-1'], 'd.json').map((d) => d.name), ['phone-1', 'tablet']);
  assert.throws(() => selectDevices(devices, ['phone-3', 'tablet'], 'd.json'),
    (e: unknown) => e instanceof UsageError && e.message === '--only-device: no device named phone-3 in d.json (its devices: phone-1, phone-2, tablet)');
  assert.throws(() => selectDevices(devices, ['tablet', 'tablet'], 'd.json'), /each --only-device may be given once/);
  assert.throws(() => selectDevices([], ['tablet'], undefined), (e: unknown) => e instanceof UsageError && /give --devices <file.json> too/.test(e.message));
});

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../main.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'voltmx-run-devices-cli-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function usage(name: string, devices: unknown, extra: string[] = []): Promise<string> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(devices));
  const reports = join(dir, `reports-${name}`);
  const err: string[] = [];
  const code = await main(['run', '--devices', file, '--report-dir', reports, ...extra], { out: () => {}, err: (t) => err.push(t) });
  assert.equal(code, 2, err.join('\n'));
  // Nothing started: no report folder (a run creates it first), no Appium log.
  assert.equal(existsSync(reports), false);
  return err.join('\n');
}

const good = [{ name: 'phone-1', profile: 'reference-android' }, { name: 'phone-2', profile: 'reference-ios' }];

test('run --devices: a duplicate name, an unknown profile, bad capabilities are usage errors before anything starts', async () => {
  assert.match(await usage('dup', [...good, { name: 'phone-1', profile: 'reference-ios' }]), /duplicate device name "phone-1"/);
  assert.match(await usage('profile', [{ name: 'x', profile: 'pixel-9' }]), /unknown profile "pixel-9"/);
  assert.match(await usage('caps', [{ name: 'x', profile: 'reference-ios', capabilities: { udid: 1 } }]), /capability "udid"/);
  assert.match(await usage('both', good, ['--device', 'reference-ios']), /either --device or --devices/);
  assert.match(await usage('shard', good, ['--shard', '3/2']), /--shard must be/);
});

test('run --devices: expectations for an unknown device are a usage error before anything starts', async () => {
  const expectations = join(dir, 'expectations-phone-3.json');
  await writeFile(expectations, JSON.stringify({ device: 'phone-3', expectations: {} }));
  assert.match(await usage('typo', good, ['--expectations', expectations]), /expectations for unknown device\(s\) phone-3/);
});

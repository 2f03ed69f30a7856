import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../main.js';
import { devicesFileDevice, rerunLine } from '../../reports/rerun.js';

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

test('run --only-device: a name not in the file, or no --devices at all, is a usage error before anything starts', async () => {
  const unknown = await usage('only-unknown', good, ['--only-device', 'phone-1', '--only-device', 'phone-9']);
  assert.match(unknown, /--only-device: no device named phone-9 in .*only-unknown\.json \(its devices: phone-1, phone-2\)/);
  assert.match(unknown, /see voltmx-conformance run --help/);
  for (const args of [['--only-device', 'phone-1'], ['--device', 'reference-ios', '--only-device', 'reference-ios']]) {
    const reports = join(dir, 'reports-only-without-file');
    const err: string[] = [];
    const code = await main(['run', ...args, '--report-dir', reports], { out: () => {}, err: (t) => err.push(t) });
    assert.equal(code, 2, err.join('\n'));
    assert.match(err.join('\n'), /--only-device picks devices of a --devices file: give --devices <file.json> too/);
    assert.equal(existsSync(reports), false);
  }
});

test('run --devices: expectations for an unknown device are a usage error before anything starts', async () => {
  const expectations = join(dir, 'expectations-phone-3.json');
  await writeFile(expectations, JSON.stringify({ device: 'phone-3', expectations: {} }));
  assert.match(await usage('typo', good, ['--expectations', expectations]), /expectations for unknown device\(s\) phone-3/);
  // --only-device leaves phone-2 out, yet its name is still known; phone-3 is still a typo.
  assert.match(await usage('typo-only', good, ['--only-device', 'phone-1', '--expectations', expectations]), /expectations for unknown device\(s\) phone-3: name a device of this run or its devices file/);
});

test('run --devices end to end: results keyed by device name, a device\'s own host in its URLs, expectations by platform', { timeout: 180_000 }, async () => {
  const devicesFile = join(dir, 'two.json');
  await writeFile(devicesFile, JSON.stringify([
    { name: 'phone-by-ip', profile: 'reference-ios', host: '127.0.0.1' },
    { name: 'phone-by-name', profile: 'reference-android' },
  ]));
  // One file for the platform: it applies to phone-by-ip (iOS) only.
  const expectations = join(dir, 'expectations-ios.json');
  await writeFile(expectations, JSON.stringify({ device: 'ios', expectations: { 'CA-LOAD-FROM-HTTP': { status: 'fail', reason: 'platform-wide' } } }));
  const reports = join(dir, 'reports-e2e');
  const out: string[] = [];
  const code = await main(['run', '--devices', devicesFile, '--expectations', expectations, '--grep', 'CA-LOAD-FROM-HTTP', '--report-dir', reports,
    ...(process.env.VOLTMX_APPIUM_URL ? ['--appium-url', process.env.VOLTMX_APPIUM_URL] : [])], { out: (t) => out.push(t), err: (t) => out.push(t) });
  const { readFile } = await import('node:fs/promises');
  const json = JSON.parse(await readFile(join(reports, 'results.json'), 'utf8')) as {
    devices: { name: string; profile: string }[];
    results: { device: string; requirement: string; status: string; expected: string; unexpected: boolean; rerun?: string; observation: { sni: string | null } | null }[];
  };
  assert.deepEqual(json.devices.map((d) => `${d.name} ${d.profile}`), ['phone-by-ip reference-ios', 'phone-by-name reference-android']);
  const result = (device: string) => json.results.find((r) => r.device === device && r.requirement === 'CA-LOAD-FROM-HTTP');
  assert.equal(result('phone-by-ip')?.status, 'pass', out.join('\n'));
  assert.equal(result('phone-by-name')?.status, 'pass');
  // The platform's file expected a failure on iOS: the pass there is unexpected, Android's is not.
  assert.deepEqual([result('phone-by-ip')?.expected, result('phone-by-ip')?.unexpected], ['fail', true]);
  assert.deepEqual([result('phone-by-name')?.expected, result('phone-by-name')?.unexpected], ['pass', false]);
  assert.equal(code, 1);
  // The unexpected result's rerun line picks its device out of the same file; the other has none.
  assert.equal(result('phone-by-ip')?.rerun, rerunLine(devicesFileDevice(devicesFile, 'phone-by-ip'), 'CA-LOAD-FROM-HTTP', ['--expectations', expectations,
    ...(process.env.VOLTMX_APPIUM_URL ? ['--appium-url', process.env.VOLTMX_APPIUM_URL] : [])]));
  assert.equal(result('phone-by-name')?.rerun, undefined);
  assert.match(out.join('\n'), /Rerun one:\n  npx voltmx-conformance run --devices \S+two\.json --only-device phone-by-ip --requirement CA-LOAD-FROM-HTTP/);
  // No SNI for an IP address: the device's own host went into its URLs; the other used localhost.
  assert.equal(result('phone-by-ip')?.observation?.sni, null);
  assert.equal(result('phone-by-name')?.observation?.sni, 'localhost');
});

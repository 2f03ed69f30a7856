/**
 * A farm's secrets never reach an output. Capabilities shaped like BrowserStack's, Sauce Labs'
 * and Appium's own nested options carry secrets; the Appium server sits behind a proxy that
 * demands Basic authentication, and the run gets its credentials only in --appium-url. Every
 * output is then searched for every secret: the terminal, results.json, report.html,
 * junit.xml, the rerun line, the WebdriverIO logs, a merged report, and the Appium server's
 * own log (which only its --log-filters cleaned).
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalAppiumServer } from '../../devices/appium-server/index.js';
import { startBasicAuthProxy } from '../../devices/testing/basic-auth-proxy.js';
import { main } from '../cli/main.js';
import { runSecrets, scrubValue } from './run-secrets.js';
import { usePrivateRunTmp } from './testing/run-temp.js';

const paths = usePrivateRunTmp('voltmx-run-secrets-test-');

const SECRETS = {
  bstackUser: 'bs-user-q7Lw2',
  bstackKey: 'BS-accessKey-9fKq2xZt',
  sauceKey: 'SAUCE-accessKey-4hJ8pWm',
  appiumOptionsPassword: 'Keychain-Pw-6tRv1',
  hubPassword: 'Hub-Pa55word-3xYc8',
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('secrets by value: nested at any depth, in the URL, in JSON keys and values', () => {
  const secrets = runSecrets([{ 'bstack:options': { userName: 'alice-x', nested: [{ 'appium:options': { keychainPassword: 'deep-secret' } }] }, 'appium:app': 'x.apk' }], 'https://bob:p%40ss-w0rd@hub.example/wd/hub');
  for (const s of ['alice-x', 'deep-secret', 'p@ss-w0rd', 'p%40ss-w0rd']) assert.ok(secrets.includes(s), s);
  assert.ok(!secrets.includes('x.apk'));
  const scrubbed = scrubValue({ message: 'session failed for {"accessKey":"deep-secret"}', html: 'p@ss-w0rd', n: 3, ok: true, at: null }, secrets);
  assert.deepEqual(scrubbed, { message: 'session failed for {"accessKey":"[redacted]"}', html: '[redacted]', n: 3, ok: true, at: null });
  // A secret that happens to spell a JSON word leaves the structure alone.
  assert.deepEqual(scrubValue({ ok: true, word: 'true story' }, ['true']), { ok: true, word: '[redacted] story' });
});

test('a run through a hub demanding Basic authentication, credentials only in the URL, farm secrets nested in capabilities: no output holds a secret', { timeout: 300_000 }, async () => {
  const appiumLog = join(paths.dir, 'appium-behind-proxy.log');
  const appium = await new LocalAppiumServer().withUserDrivers(null).withLogFile(appiumLog).start();
  const proxy = await startBasicAuthProxy(appium.url, 'lab-user', SECRETS.hubPassword);
  const out: string[] = [];
  const printed: string[] = [];
  let code: number;
  let mergeCode: number;
  const reports = join(paths.dir, 'reports');
  const merged = join(paths.dir, 'merged');
  try {
    // Without the credentials the hub refuses: the run must be using them, not an open door.
    const refused = await fetch(new URL('status', proxy.url));
    assert.equal(refused.status, 401);
    const devicesFile = join(paths.dir, 'farm-devices.json');
    await writeFile(devicesFile, JSON.stringify([{
      name: 'farm-phone',
      profile: 'reference-android',
      capabilities: {
        'bstack:options': { userName: SECRETS.bstackUser, accessKey: SECRETS.bstackKey, deviceName: 'Google Pixel 8' },
        'sauce:options': { accessKey: SECRETS.sauceKey, tunnelName: 'lab-tunnel' },
        'appium:options': { keychainPassword: SECRETS.appiumOptionsPassword },
      },
    }]));
    // Expecting a failure makes the pass unexpected: the result gets a rerun line.
    const expectations = join(paths.dir, 'expectations-farm-phone.json');
    await writeFile(expectations, JSON.stringify({ device: 'farm-phone', expectations: { 'CA-LOAD-FROM-HTTP': { status: 'fail', reason: 'to get a rerun line' } } }));
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    // What WebdriverIO's launcher and workers print straight to this process's streams.
    const untee = [process.stdout, process.stderr].map((stream) => {
      const write = stream.write;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        printed.push(String(chunk));
        return (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      }) as typeof stream.write;
      return () => { stream.write = write; };
    });
    try {
      code = await main(['run', '--devices', devicesFile, '--requirement', 'CA-LOAD-FROM-HTTP', '--expectations', expectations,
      '--appium-url', proxy.urlWithCredentials.href, '--report-dir', reports], io);
    } finally {
      for (const undo of untee) undo();
    }
    mergeCode = await main(['merge', reports, '--report-dir', merged], io);
  } finally {
    await proxy.close();
    await appium.stop();
  }
  const terminal = out.join('\n');
  const results = JSON.parse(await readFile(join(reports, 'results.json'), 'utf8')) as {
    results: { requirement: string; status: string; unexpected: boolean; rerun?: string }[];
    provenance: { appium: string; devices: { capabilities: Record<string, Record<string, unknown>> }[] };
  };
  const result = results.results.find((r) => r.requirement === 'CA-LOAD-FROM-HTTP');
  assert.equal(result?.status, 'pass', terminal);
  assert.equal(code, 1, terminal);
  assert.equal(mergeCode, 1, terminal);
  // Every request of the run carried the credentials, and only as a header.
  assert.deepEqual(proxy.refused(), ['GET /status']);
  assert.ok(proxy.authorized() > 5, `only ${proxy.authorized()} authorized requests`);
  // The rerun line keeps the hub, not its credentials; provenance keeps the shape, not the values.
  assert.match(result?.rerun ?? '', new RegExp(`--appium-url ${proxy.url.href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.equal(results.provenance.appium, proxy.url.href);
  const caps = results.provenance.devices[0]!.capabilities;
  assert.deepEqual(caps['bstack:options'], { userName: '[redacted]', accessKey: '[redacted]', deviceName: 'Google Pixel 8' });
  assert.deepEqual(caps['sauce:options'], { accessKey: '[redacted]', tunnelName: 'lab-tunnel' });
  assert.deepEqual(caps['appium:options'], { keychainPassword: '[redacted]' });

  assert.match(printed.join(''), /farm-phone/, 'the launcher printed its progress');
  const outputs: [string, string][] = [['terminal', terminal], ['appium server log', await readFile(appiumLog, 'utf8')], ['process output', printed.join('')]];
  for (const file of [...await filesUnder(reports), ...await filesUnder(merged)]) outputs.push([file, await readFile(file, 'utf8')]);
  for (const name of ['results.json', 'report.html', 'junit.xml']) {
    assert.ok(outputs.some(([file]) => file === join(reports, name)), `${name} written`);
    assert.ok(outputs.some(([file]) => file === join(merged, name)), `merged ${name} written`);
  }
  // The Appium server saw the capabilities: its log is a real test of the filters.
  assert.match(outputs[1]![1], /bstack:options/);
  const basic = Buffer.from(`lab-user:${SECRETS.hubPassword}`).toString('base64');
  for (const [where, text] of outputs) {
    for (const secret of [...Object.values(SECRETS), basic]) assert.ok(!text.includes(secret), `${where} holds the secret ${secret.slice(0, 6)}...`);
  }
});


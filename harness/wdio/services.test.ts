/**
 * The services' refusals, which need no servers (the full path, PKI to Appium to specs, runs
 * from the installed package in installed-package.test.ts), specFiles' filters, and the
 * launcher behind a hub demanding Basic authentication.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { SevereServiceError } from 'webdriverio';
import { RUN_CONTEXT_CAPABILITY, RUN_CONTEXT_OPTION } from '../run/run-context.js';
import ConformanceService, { launcher as ConformanceLauncher, specFiles } from './index.js';

const quiet = { log: () => {} };

test('the launcher refuses a config without a voltmx:device capability, or a multiremote one, before starting anything', async () => {
  const launcher = new ConformanceLauncher(quiet);
  await assert.rejects(launcher.onPrepare({}, [{ platformName: 'Android' }]), (e: Error) => e instanceof SevereServiceError && /no capability names a device/.test(e.message));
  await assert.rejects(launcher.onPrepare({}, { a: { capabilities: {} } }), (e: Error) => e instanceof SevereServiceError && /multiremote/.test(e.message));
  await assert.rejects(launcher.onPrepare({}, [{ 'voltmx:device': 'no-such-device' }]), (e: Error) => e instanceof SevereServiceError && /unknown device profile "no-such-device"/.test(e.message));
});

test('a worker without the launcher fails before its session, naming the fix', () => {
  assert.throws(() => new ConformanceService().beforeSession({}, { 'voltmx:device': 'reference-android' }),
    (e: Error) => e instanceof SevereServiceError && /add `launcher` from voltmx-conformance\/wdio/.test(e.message));
});

test('the worker service moves the launcher\'s run context out of the capability (Appium never sees it) into the worker\'s options', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-services-'));
  try {
    const file = join(dir, 'context.json');
    await writeFile(file, JSON.stringify({ devices: { 'reference-android': { name: 'reference-android' } } }), { mode: 0o600 });
    const config: Record<string, unknown> = {};
    const caps: Record<string, unknown> = { 'voltmx:device': 'reference-android', [RUN_CONTEXT_CAPABILITY]: file };
    new ConformanceService().beforeSession(config, caps);
    assert.equal(config[RUN_CONTEXT_OPTION], file);
    assert.equal(RUN_CONTEXT_CAPABILITY in caps, false);
    assert.throws(() => new ConformanceService().beforeSession({ [RUN_CONTEXT_OPTION]: file }, { 'voltmx:device': 'other' }), /"other" is not a device of this run/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('specFiles lists the spec files and filters by name, pattern or predicate', () => {
  const all = specFiles();
  assert.ok(all.length >= 10 && all.every((f) => f.endsWith('.spec.ts')));
  assert.deepEqual(specFiles('replace').map((f) => basename(f)), ['replace.spec.ts']);
  assert.deepEqual(specFiles(/-android\.spec\.ts$/).map((f) => basename(f)), all.filter((f) => f.endsWith('-android.spec.ts')).map((f) => basename(f)));
  assert.deepEqual(specFiles(() => false), []);
});

test('the launcher with an Appium URL carrying credentials: each capability gets the bare URL and an Authorization header that every request of a session sends', { timeout: 120_000 }, async () => {
  const { LocalAppiumServer } = await import('../../devices/appium-server/index.js');
  const { startBasicAuthProxy } = await import('../../devices/testing/basic-auth-proxy.js');
  const { remote } = await import('webdriverio');
  const appium = await new LocalAppiumServer().withUserDrivers(null).start();
  const proxy = await startBasicAuthProxy(appium.url, 'wdio-user', 'Wdio-Key-7Hq2');
  const lines: string[] = [];
  const launcher = new ConformanceLauncher({ appiumUrl: proxy.urlWithCredentials.href, log: (l) => lines.push(l) });
  const caps: Record<string, unknown>[] = [{ 'voltmx:device': 'reference-android' }];
  try {
    await launcher.onPrepare({}, caps);
    const cap = caps[0]!;
    assert.deepEqual([cap.hostname, cap.port, cap.path], ['127.0.0.1', Number(proxy.url.port), '/']);
    assert.ok(!JSON.stringify(lines).includes('Wdio-Key'), lines.join('\n'));
    const { hostname, port, path, protocol, headers, ...capabilities } = cap;
    const browser = await remote({ hostname: hostname as string, port: port as number, path: path as string, protocol: protocol as string, headers: headers as Record<string, string>, logLevel: 'silent', connectionRetryCount: 0, capabilities: capabilities as WebdriverIO.Capabilities });
    await browser.getPageSource();
    await browser.deleteSession();
    assert.deepEqual(proxy.refused(), []);
    assert.ok(proxy.authorized() >= 4, `${proxy.authorized()} requests`);
  } finally {
    await launcher.onComplete();
    await proxy.close();
    await appium.stop();
  }
});

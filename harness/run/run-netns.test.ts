/**
 * A device that cannot see the host's loopback: the reference driver's Appium server runs in a
 * network namespace this test creates, joined by a veth pair it creates (198.51.100.1 host end,
 * 198.51.100.2 namespace end, RFC 5737 TEST-NET-2). The fleet binds the host end, the run says
 * `--host 198.51.100.1`. The project's rule is loopback-only test traffic; the one exception is
 * this veth pair, which the test owns and removes (also on failure), and which routes nowhere else.
 * Without root or `ip` the test skips with the reason; with CI=true it fails instead.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { appiumEntryPoint, createPrivateAppiumHome, REFERENCE_DRIVER_DIR } from '../../devices/appium-server/index.js';
import { registerCleanup, stopChild } from '../../support/index.js';
import { main } from '../cli/main.js';
import { usePrivateRunTmp } from './testing/run-temp.js';
import { createVethNamespace, HOST_ADDRESS, NAMESPACE_ADDRESS, namespaceUnavailable } from './testing/veth-namespace.js';

const paths = usePrivateRunTmp('voltmx-run-netns-test-');
const unavailable = namespaceUnavailable();
const skip = unavailable && process.env.CI !== 'true' ? `no network namespace here: ${unavailable}` : false;
const APPIUM_PORT = 4723;

/** Resolves when Appium says its REST interface listens (its own log line), rejects when it exits first. */
async function appiumListening(child: ChildProcess, log: string): Promise<void> {
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(() => { throw new Error(`Appium in the namespace exited:\n${readFileSync(log, 'utf8').slice(-2000)}`); });
  const listening = (async () => {
    for await (const line of lines) if (/listener started on/.test(line)) return;
  })();
  try {
    await Promise.race([listening, exited]);
  } finally {
    lines.close();
  }
}

test('a device in its own network namespace (traffic only on the veth pair this test creates) passes with --bind/--host on the host end', { skip, timeout: 300_000 }, async () => {
  assert.equal(unavailable, null, `CI=true: ${unavailable}`);
  const ns = createVethNamespace();
  // On the process's one cleanup path too: a test runner's SIGTERM (a timeout) skips `finally`.
  const nsCleanup = registerCleanup('test network namespace', () => ns.dispose(), { sync: () => ns.dispose() });
  const home = await createPrivateAppiumHome([REFERENCE_DRIVER_DIR]);
  let appium: ChildProcess | undefined;
  const appiumCleanup = registerCleanup('Appium in the test namespace', () => {
    if (appium?.pid && appium.exitCode === null && appium.signalCode === null) appium.kill('SIGKILL');
  }, { sync: () => { if (appium?.pid && appium.exitCode === null && appium.signalCode === null) appium.kill('SIGKILL'); } });
  const probe = createServer();
  try {
    // The namespace really cannot see the host's loopback: a host-only listener is unreachable from it.
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const probePort = (probe.address() as { port: number }).port;
    const connect = (host: string) => spawnSync(ns.execPrefix[0]!, [...ns.execPrefix.slice(1), process.execPath, '-e',
      `require('net').connect(${probePort}, '${host}').on('connect', () => process.exit(0)).on('error', () => process.exit(7))`], { timeout: 20_000 });
    assert.equal(connect('127.0.0.1').status, 7, 'the namespace reaches the host loopback');
    assert.equal(connect(HOST_ADDRESS).status, 7, 'a loopback-only listener is not on the host end either');

    const log = join(paths.dir, 'appium-in-namespace.log');
    appium = spawn(ns.execPrefix[0]!, [...ns.execPrefix.slice(1), process.execPath, appiumEntryPoint(), 'server', '--address', NAMESPACE_ADDRESS, '--port', String(APPIUM_PORT), '--log-no-colors'], {
      env: { ...process.env, APPIUM_HOME: home.path }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logStream = createWriteStream(log, { flags: 'a', mode: 0o600 });
    appium.stdout!.pipe(logStream, { end: false });
    appium.stderr!.pipe(logStream, { end: false });
    appium.once('exit', () => logStream.end());
    const appiumUrl = `http://${NAMESPACE_ADDRESS}:${APPIUM_PORT}/`;
    await appiumListening(appium, log);

    const reports = join(paths.dir, 'reports');
    const out: string[] = [];
    const code = await main(['run', '--device', 'reference-android', '--device', 'reference-ios', '--appium-url', appiumUrl,
      '--bind', HOST_ADDRESS, '--host', HOST_ADDRESS, '--report-dir', reports], { out: (t) => out.push(t), err: (t) => out.push(t) });
    const text = out.join('\n');
    assert.equal(code, 0, text.slice(-6000));
    assert.match(text, new RegExp(`WARNING.*${HOST_ADDRESS.replaceAll('.', '\\.')}`), 'binding beyond loopback is announced');
    const results = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as { results: { device: string; status: string; unexpected: boolean }[] };
    for (const device of ['reference-android', 'reference-ios']) {
      assert.ok(results.results.some((r) => r.device === device && r.status === 'pass'), `${device} passed requirements`);
    }
    assert.equal(results.results.filter((r) => r.unexpected).length, 0);
  } finally {
    probe.close();
    if (appium) await stopChild(appium, { graceMs: 5_000 });
    await appiumCleanup.run();
    await home.dispose();
    await nsCleanup.run();
  }
  assert.equal(spawnSync('ip', ['netns', 'list']).stdout.toString().includes(ns.name), false, 'the namespace is removed');
  assert.equal(existsSync(`/sys/class/net/${ns.hostInterface}`), false, 'the veth pair is removed');
});

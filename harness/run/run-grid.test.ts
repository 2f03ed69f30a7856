/**
 * The suite through a real Selenium Grid 4: one hub and two relay nodes on 127.0.0.1, each
 * relaying to its own Appium server with the reference driver; four named devices (two per
 * reference profile) from a devices file, in parallel. The nodes' stereotypes and the devices'
 * requests carry `appium:platformVersion` (Grid matches it exactly), and the hub sits behind a
 * proxy demanding Basic authentication, as a guarded lab's does: the run has the credentials
 * only in its URL, and no output of it may hold the password. Needs Java: skipped without it,
 * except with CI=true (.ci/run installs default-jre-headless), where a Grid that cannot start fails.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { javaAvailable, REFERENCE_GRID_VERSIONS, startReferenceGrid } from '../../devices/selenium-grid/index.js';
import { startBasicAuthProxy } from '../../devices/testing/basic-auth-proxy.js';
import { DEFAULT_EXPECTATIONS_DIR } from '../cli/commands/run-command.js';
import { loadExpectations } from '../results/expectations.js';
import { loadDevicesFile } from './devices-file.js';
import { runConformance } from './run-conformance.js';
import { specFiles } from './spec-files.js';
import { usePrivateRunTmp } from './testing/run-temp.js';

const paths = usePrivateRunTmp('voltmx-run-grid-test-');
const java = javaAvailable();
const skip = java.ok || process.env.CI === 'true' ? false : `no Selenium Grid here: ${java.reason}`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const GRID_PASSWORD = 'Grid-Hub-Pa55-8kTq';

test('four devices through a Selenium Grid with two relay nodes behind Basic authentication, versioned stereotypes and requests: the whole suite, per-device results, nothing unexpected, no password in any output, every process stopped', { skip, timeout: 600_000 }, async () => {
  const logDir = join(paths.dir, 'grid-logs');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(logDir);
  const grid = await startReferenceGrid({ nodes: 2, logDir });
  const lines: string[] = [];
  let outcome;
  let proxy;
  try {
    // Every node offers the versions; every request names one (as docs/devices.md tells labs to).
    const status = await (await fetch(new URL('status', grid.grid.url))).json() as { value: { nodes: { slots: { stereotype: Record<string, unknown> }[] }[] } };
    const stereotypes = status.value.nodes.flatMap((n) => n.slots.map((s) => `${String(s.stereotype.platformName).toLowerCase()} ${String(s.stereotype['appium:platformVersion'])}`));
    assert.deepEqual([...new Set(stereotypes)].sort(), [`android ${REFERENCE_GRID_VERSIONS.Android}`, `ios ${REFERENCE_GRID_VERSIONS.iOS}`]);
    proxy = await startBasicAuthProxy(grid.grid.url, 'lab', GRID_PASSWORD);
    const android = { 'appium:platformVersion': REFERENCE_GRID_VERSIONS.Android };
    const ios = { 'appium:platformVersion': REFERENCE_GRID_VERSIONS.iOS };
    const devicesFile = join(paths.dir, 'devices.json');
    await writeFile(devicesFile, JSON.stringify([
      { name: 'lab-android-1', profile: 'reference-android', capabilities: android },
      { name: 'lab-android-2', profile: 'reference-android', capabilities: { ...android, 'appium:deviceName': 'second android' } },
      { name: 'lab-ios-1', profile: 'reference-ios', capabilities: ios },
      { name: 'lab-ios-2', profile: 'reference-ios', capabilities: ios },
    ]));
    outcome = await runConformance({
      devices: await loadDevicesFile(devicesFile),
      backend: 'embedded',
      specs: specFiles(),
      // The shipped files are per profile: they apply to every device of that profile.
      expectations: await loadExpectations([DEFAULT_EXPECTATIONS_DIR]),
      reportDir: join(paths.dir, 'reports'),
      keepPki: false,
      // The credentials only in the URL: the run must send them as a header on every request.
      appiumUrl: proxy.urlWithCredentials.href,
      tool: { name: 'voltmx-conformance', version: 'test' },
      log: (line) => lines.push(line),
    });
  } finally {
    await proxy?.close();
    await grid.stop();
  }
  const log = lines.join('\n');
  for (const pid of grid.pids) assert.equal(alive(pid), false, `process ${pid} of the Grid outlived stop()`);
  const { report } = outcome;
  assert.deepEqual(report.infrastructureErrors, [], log);
  assert.deepEqual(report.devices.map((d) => `${d.name} ${d.profile}`), ['lab-android-1 reference-android', 'lab-android-2 reference-android', 'lab-ios-1 reference-ios', 'lab-ios-2 reference-ios']);
  const unexpected = report.results.filter((r) => r.unexpected);
  assert.deepEqual(unexpected.map((r) => `${r.device} ${r.requirement} ${r.status}: ${r.message.slice(0, 200)}`), []);
  assert.equal(outcome.exitCode, 0);
  // Per device: the same requirements judged on each device of a profile, each with passes.
  const byDevice = (name: string) => report.results.filter((r) => r.device === name);
  for (const name of ['lab-android-1', 'lab-android-2', 'lab-ios-1', 'lab-ios-2']) {
    assert.ok(byDevice(name).some((r) => r.status === 'pass'), `${name} has passing results`);
  }
  assert.deepEqual(byDevice('lab-android-1').map((r) => r.requirement), byDevice('lab-android-2').map((r) => r.requirement));
  assert.deepEqual(proxy.refused(), [], 'every request to the hub carried the credentials');
  assert.ok(proxy.authorized() > 20, `only ${proxy.authorized()} requests went through the hub`);
  assert.equal(report.provenance?.appium, proxy.url.href);
  const outputs: [string, string][] = [['log', log]];
  for (const entry of await readdir(join(paths.dir, 'reports'), { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) outputs.push([entry.name, await readFile(join(entry.parentPath, entry.name), 'utf8')]);
  }
  assert.ok(outputs.some(([name]) => name === 'report.html') && outputs.some(([name]) => name === 'junit.xml'));
  const basic = Buffer.from(`lab:${GRID_PASSWORD}`).toString('base64');
  for (const [where, text] of outputs) assert.ok(!text.includes(GRID_PASSWORD) && !text.includes(basic), `${where} holds the hub's password`);
  // The Grid spread the four sessions over both relay nodes.
  for (const [i, appium] of grid.appiums.entries()) {
    const sessions = ((await readFile(appium.logFile!, 'utf8')).match(/session created successfully/gi) ?? []).length;
    assert.ok(sessions >= 1, `Appium server ${i + 1} behind relay node ${i + 1} got no session`);
  }
});

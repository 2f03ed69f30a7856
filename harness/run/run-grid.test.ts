/**
 * The suite through a real Selenium Grid 4: one hub and two relay nodes on 127.0.0.1, each
 * relaying to its own Appium server with the reference driver; four named devices (two per
 * reference profile) from a devices file, in parallel. Needs Java: skipped without it, except
 * with CI=true (.ci/run installs default-jre-headless), where a Grid that cannot start fails.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { javaAvailable, startReferenceGrid } from '../../devices/selenium-grid/index.js';
import { DEFAULT_EXPECTATIONS_DIR } from '../cli/commands/run-command.js';
import { loadExpectations } from '../results/expectations.js';
import { loadDevicesFile } from './devices-file.js';
import { runConformance } from './run-conformance.js';
import { specFiles } from './spec-files.js';
import { usePrivateRunTmp } from './test-support/run-temp.js';

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

test('four devices through a Selenium Grid with two relay nodes: the whole suite, per-device results, nothing unexpected, every process stopped', { skip, timeout: 600_000 }, async () => {
  const logDir = join(paths.dir, 'grid-logs');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(logDir);
  const grid = await startReferenceGrid({ nodes: 2, logDir });
  const lines: string[] = [];
  let outcome;
  try {
    const devicesFile = join(paths.dir, 'devices.json');
    await writeFile(devicesFile, JSON.stringify([
      { name: 'lab-android-1', profile: 'reference-android' },
      { name: 'lab-android-2', profile: 'reference-android', capabilities: { 'appium:deviceName': 'second android' } },
      { name: 'lab-ios-1', profile: 'reference-ios' },
      { name: 'lab-ios-2', profile: 'reference-ios' },
    ]));
    outcome = await runConformance({
      devices: await loadDevicesFile(devicesFile),
      backend: 'embedded',
      specs: specFiles(),
      // The shipped files are per profile: they apply to every device of that profile.
      expectations: await loadExpectations([DEFAULT_EXPECTATIONS_DIR]),
      reportDir: join(paths.dir, 'reports'),
      keepPki: false,
      appiumUrl: grid.grid.url.href,
      tool: { name: 'voltmx-conformance', version: 'test' },
      log: (line) => lines.push(line),
    });
  } finally {
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
  // The Grid spread the four sessions over both relay nodes.
  for (const [i, appium] of grid.appiums.entries()) {
    const sessions = ((await readFile(appium.logFile!, 'utf8')).match(/session created successfully/gi) ?? []).length;
    assert.ok(sessions >= 1, `Appium server ${i + 1} behind relay node ${i + 1} got no session`);
  }
});

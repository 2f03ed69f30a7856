import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { profileByName } from '../profiles/index.js';
import { AppiumDriverMissingError, automationNamesOf, homeOptionsFromEnv, LocalAppiumServer, planAppiumHome, REFERENCE_DRIVER_DIR, startAppium } from './index.js';

/** A real (tiny) Appium driver, as `appium driver install` would leave it in a user's home. */
const PROBE_PACKAGE = {
  name: '@voltmx-test/appium-probe-driver',
  version: '1.2.3',
  type: 'module',
  main: 'index.js',
  appium: { driverName: 'voltmx-probe', automationName: 'VoltmxProbe', platformNames: ['Android'], mainClass: 'ProbeDriver' },
  peerDependencies: { appium: '^3.0.0' },
};
const PROBE_SOURCE = `import { BaseDriver } from '@appium/base-driver';
export class ProbeDriver extends BaseDriver {
  async getPageSource() { return '<probe/>'; }
}
`;

const require = createRequire(import.meta.url);
const BASE_DRIVER_DIR = dirname(require.resolve('@appium/base-driver/package.json'));

let dir: string;
let userHome: string;
let emptyHome: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'devices-user-drivers-'));
  userHome = join(dir, 'user-appium-home');
  emptyHome = join(dir, 'empty-appium-home');
  const probe = join(userHome, 'node_modules', '@voltmx-test', 'appium-probe-driver');
  await mkdir(probe, { recursive: true });
  await writeFile(join(probe, 'package.json'), JSON.stringify(PROBE_PACKAGE));
  await writeFile(join(probe, 'index.js'), PROBE_SOURCE);
  // The driver's dependency sits beside it, where npm puts it in a real APPIUM_HOME.
  await mkdir(join(userHome, 'node_modules', '@appium'), { recursive: true });
  await symlink(BASE_DRIVER_DIR, join(userHome, 'node_modules', '@appium', 'base-driver'), 'dir');
  const plain = join(userHome, 'node_modules', 'left-pad');
  await mkdir(plain);
  await writeFile(join(plain, 'package.json'), JSON.stringify({ name: 'left-pad', version: '1.0.0' }));
  await writeFile(join(userHome, 'package.json'), JSON.stringify({ name: 'appium-home', devDependencies: { [PROBE_PACKAGE.name]: '1.2.3' } }));
  await mkdir(emptyHome);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every entry under `root` (symlinks not followed) with what would show a write. */
async function snapshot(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const st = await lstat(path);
    if (st.isSymbolicLink()) out.push(`${path} -> ${await readlink(path)}`);
    else if (st.isDirectory()) {
      out.push(`${path}/ ${st.mtimeMs}`);
      for (const name of (await readdir(path)).sort()) await walk(join(path, name));
    } else out.push(`${path} ${st.size} ${st.mtimeMs} ${await readFile(path, 'utf8')}`);
  };
  await walk(root);
  return out;
}

async function newSession(url: URL, automationName: string): Promise<{ id: string; source: string }> {
  const res = await fetch(new URL('session', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ capabilities: { alwaysMatch: { platformName: 'Android', 'appium:automationName': automationName } } }),
  });
  const body = (await res.json()) as { value: { sessionId?: string; message?: string } };
  assert.ok(body.value.sessionId, `session not created: ${body.value.message}`);
  const id = body.value.sessionId;
  const source = ((await (await fetch(new URL(`session/${id}/source`, url))).json()) as { value: string }).value;
  await fetch(new URL(`session/${id}`, url), { method: 'DELETE' });
  return { id, source };
}

describe("drivers from the user's APPIUM_HOME", () => {
  it('are linked into the private home next to the reference driver; the user home is not touched', async () => {
    const before = await snapshot(userHome);
    const logFile = join(dir, 'linked.log');
    const server = await startAppium({ env: { APPIUM_HOME: userHome }, logFile, automationNames: ['VoltmxProbe', 'VoltmxReference'] });
    try {
      assert.notEqual(server.appiumHome, userHome);
      assert.deepEqual(server.drivers?.map((d) => d.driverName), ['voltmx-reference', 'voltmx-probe']);
      const log = await readFile(logFile, 'utf8');
      assert.match(log, /voltmx-probe@1\.2\.3 \(automationName 'VoltmxProbe'\)/);
      assert.match(log, /voltmx-reference@/);
      assert.equal((await newSession(server.url, 'VoltmxProbe')).source, '<probe/>');
    } finally {
      await server.stop();
    }
    assert.equal(existsSync(server.appiumHome!), false, 'private home removed');
    assert.deepEqual(await snapshot(userHome), before, 'the user APPIUM_HOME is unchanged');
  });

  it('VOLTMX_APPIUM_HOME is used as-is: nothing linked, nothing added', async () => {
    const plan = await planAppiumHome(homeOptionsFromEnv({ VOLTMX_APPIUM_HOME: userHome, APPIUM_HOME: emptyHome }));
    assert.equal(plan.kind, 'explicit');
    assert.deepEqual(plan.drivers.map((d) => d.driverName), ['voltmx-probe']);
    await assert.rejects(startAppium({ env: { VOLTMX_APPIUM_HOME: userHome }, automationNames: ['VoltmxReference'] }), (error: unknown) => {
      assert.ok(error instanceof AppiumDriverMissingError);
      assert.match(error.message, new RegExp(`VoltmxReference driver not installed in ${userHome} \\(VOLTMX_APPIUM_HOME\\): run APPIUM_HOME=${userHome} npx appium driver install --source=local ${REFERENCE_DRIVER_DIR.replace(/\/$/, '')}$`));
      return true;
    });
  });

  it("keeps the repository's reference driver when the user home has one too", async () => {
    const home = join(dir, 'home-with-reference');
    await mkdir(join(home, 'node_modules'), { recursive: true });
    await symlink(REFERENCE_DRIVER_DIR, join(home, 'node_modules', 'appium-voltmx-reference-driver'), 'dir');
    const plan = await planAppiumHome({ userHome: home });
    assert.deepEqual(plan.drivers.map((d) => d.dir), [REFERENCE_DRIVER_DIR]);
  });
});

describe('a requested automationName without a driver', () => {
  it('fails before any server starts, naming the home and the exact install command', async () => {
    const logFile = join(dir, 'never.log');
    const automationNames = automationNamesOf([profileByName('android-emulator'), profileByName('reference-android')]);
    assert.deepEqual(automationNames, ['UiAutomator2', 'VoltmxReference']);
    await assert.rejects(startAppium({ env: { APPIUM_HOME: emptyHome }, logFile, automationNames }), (error: unknown) => {
      assert.ok(error instanceof AppiumDriverMissingError);
      assert.equal(error.code, 'APPIUM_DRIVER_MISSING');
      assert.deepEqual(error.automationNames, ['UiAutomator2']);
      assert.equal(error.appiumHome, emptyHome);
      assert.equal(error.message, `UiAutomator2 driver not installed in ${emptyHome}: run APPIUM_HOME=${emptyHome} npx appium driver install uiautomator2`);
      return true;
    });
    assert.equal(existsSync(logFile), false, 'no Appium was started');
  });

  it('is matched case-insensitively, as Appium matches automationName', async () => {
    const plan = await new LocalAppiumServer().withUserDrivers(userHome).requireAutomationNames(['voltmxprobe']).plan();
    assert.equal(plan.drivers.some((d) => d.automationName === 'VoltmxProbe'), true);
    await assert.rejects(new LocalAppiumServer().withUserDrivers(null).requireAutomationNames(['voltmxprobe']).start(), AppiumDriverMissingError);
  });
});

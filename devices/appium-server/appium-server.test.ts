import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { AppiumRemoteUnreachableError, appiumEntryPoint, freePort, LocalAppiumServer, REFERENCE_DRIVER_DIR, useRemoteAppium } from './index.js';
import { openSession } from '../testing/session.js';
import { waitFor } from '../../support/testing/index.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../testing/appium-child.ts', import.meta.url));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Appium is the helper's child, not ours: no 'exit' reaches us, so this polls (bounded). */
const waitGone = (pid: number, ms = 10_000): Promise<boolean> =>
  waitFor(`Appium ${pid} to end`, () => (isAlive(pid) ? undefined : true), ms, 50).catch(() => false);

/** A process's environment, from /proc (Linux). */
const envOf = (pid: number): Record<string, string> =>
  Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'devices-appium-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('local Appium server', { concurrency: true }, () => {
  it('starts on 127.0.0.1 with the reference driver, logs to a file, and stops by PID', async () => {
    const logFile = join(dir, 'start-stop.log');
    const server = await new LocalAppiumServer().withLogFile(logFile).start();
    let stopped = false;
    try {
      assert.equal(server.url.hostname, '127.0.0.1');
      assert.ok(server.pid && isAlive(server.pid));
      const status = (await (await fetch(new URL('status', server.url))).json()) as { value: { ready: boolean } };
      assert.equal(status.value.ready, true);
      assert.ok(server.appiumHome && existsSync(server.appiumHome));
      // Drivers make their app sandboxes (pushed PKCS#12 files) in Appium's TMPDIR: a private one.
      const appiumTmp = envOf(server.pid!).TMPDIR;
      assert.ok(appiumTmp && appiumTmp !== process.env.TMPDIR && existsSync(appiumTmp), `Appium's TMPDIR: ${appiumTmp}`);
      await server.stop();
      stopped = true;
      assert.equal(isAlive(server.pid!), false, 'no Appium process left');
      assert.equal(existsSync(server.appiumHome!), false, 'private APPIUM_HOME removed');
      assert.equal(existsSync(appiumTmp), false, "Appium's TMPDIR removed");
      assert.match(await readFile(logFile, 'utf8'), /voltmx-reference/);
    } finally {
      if (!stopped) await server.stop();
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`leaves no Appium process behind when its parent gets ${signal}`, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, join(dir, `${signal}.log`)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let appiumPid: number | undefined;
      let appiumHome: string | undefined;
      try {
        const line = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('\n')) resolve(out.split('\n')[0]);
          });
          child.once('exit', () => reject(new Error(`helper exited early: ${out}`)));
        });
        ({ pid: appiumPid, appiumHome } = JSON.parse(line) as { pid: number; appiumHome: string });
        assert.ok(isAlive(appiumPid));
        assert.ok(existsSync(appiumHome));
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(signal);
        await exited;
        assert.equal(await waitGone(appiumPid), true, `Appium ${appiumPid} ended with its parent`);
        assert.equal(existsSync(appiumHome), false, 'private APPIUM_HOME removed on the signal');
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        // Cleanup if the behaviour under test failed; only the PID this test started.
        if (appiumPid && isAlive(appiumPid)) process.kill(appiumPid, 'SIGKILL');
        if (appiumHome) await rm(appiumHome, { recursive: true, force: true });
      }
    });
  }
});

describe('remote Appium server', () => {
  it('uses a server somebody else runs, and leaves it running on stop()', async () => {
    const local = await new LocalAppiumServer().withLogFile(join(dir, 'remote.log')).start();
    try {
      const remote = await useRemoteAppium(local.url);
      assert.equal(remote.kind, 'remote');
      await remote.stop();
      assert.ok(isAlive(local.pid!), 'a remote server is not ours to stop');
    } finally {
      await local.stop();
    }
  });

  it('reports an unreachable remote server with a stable code', async () => {
    const port = await freePort();
    await assert.rejects(useRemoteAppium(`http://127.0.0.1:${port}/`, 1_000), (error: unknown) => {
      assert.ok(error instanceof AppiumRemoteUnreachableError);
      assert.equal(error.code, 'APPIUM_REMOTE_UNREACHABLE');
      return true;
    });
  });
});

describe('user install of the reference driver', () => {
  it('installs with `appium driver install --source=local` and runs a session', async () => {
    const home = join(dir, 'user-appium-home');
    await run(process.execPath, [appiumEntryPoint(), 'driver', 'install', '--source=local', REFERENCE_DRIVER_DIR], { env: { ...process.env, APPIUM_HOME: home } });
    const server = await new LocalAppiumServer().withAppiumHome(home).withLogFile(join(dir, 'user.log')).start();
    try {
      const browser = await openSession(server.url, { platformName: 'iOS', 'appium:automationName': 'VoltmxReference' });
      try {
        assert.match(await browser.getPageSource(), /XCUIElementTypeApplication/);
      } finally {
        await browser.deleteSession();
      }
    } finally {
      await server.stop();
    }
    assert.equal(existsSync(home), true, 'a given APPIUM_HOME is not ours to remove');
  });
});

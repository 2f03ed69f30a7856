/**
 * useApp() under real mocha on a real Appium session with the reference driver: the App is
 * bound in `before` (a describe body that uses it gets APP_NOT_BOUND, not the worker's
 * stand-in browser), one App per describe on the one device session, and every test starts
 * from a fresh launch that costs a restart only when the test runs a command.
 */
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Mocha from 'mocha';
import { LocalAppiumServer, type StartedAppium } from '../../devices/appium-server/index.js';
import { referenceAndroid } from '../../devices/profiles/index.js';
import { createTlsFixture, type TlsFixture } from '../../devices/testing/tls-fixture.js';
import { openSession, type Browser } from '../../devices/testing/session.js';
import { DEVICE_CAPABILITY } from '../../harness/run/requirement-reporter.js';
import { RUN_CONTEXT_OPTION, type RunContext, type RunContextDevice } from '../../harness/run/run-context.js';
import type { App } from './app.js';
import { AppNotBoundError } from './errors.js';
import { useApp } from './use-app.js';

const DEVICE = 'use-app-test';
let tls: TlsFixture;
let appium: StartedAppium;
let dir: string;
let browser: Browser;

before(async () => {
  // Private: the run context file holds the device facts (and, in a real run, passwords).
  dir = await mkdtemp(join(tmpdir(), 'voltmx-use-app-'));
  await chmod(dir, 0o700);
  tls = await createTlsFixture();
  appium = await new LocalAppiumServer().withLogFile(join(dir, 'appium.log')).start();
  const p = referenceAndroid();
  const device: RunContextDevice = {
    name: DEVICE, platform: p.platform, appId: p.appId, hostAlias: p.hostAlias, pushPathTemplate: p.pushPath('{fileName}'),
    appPathTemplate: p.appPath('{fileName}'), pushLayout: p.pushLayout, actionTimeoutMs: 20_000,
  };
  const context: RunContext = {
    backend: 'none', origins: {}, serverCaPem: tls.caPem, identities: {}, bundles: {}, bundled: { from: 'run-pki', files: {} }, devices: { [DEVICE]: device }, outcomesDir: dir,
  };
  await writeFile(join(dir, 'context.json'), JSON.stringify(context), { mode: 0o600 });
  browser = await openSession(appium.url, { ...p.capabilities({ trustCa: [tls.caPem] }), [DEVICE_CAPABILITY]: DEVICE });
  // What a worker's configuration gives its browser (harness/run/wdio-config.ts).
  (browser.options as Record<string, unknown>)[RUN_CONTEXT_OPTION] = join(dir, 'context.json');
  (globalThis as { browser?: Browser }).browser = browser;
});

after(async () => {
  await browser?.deleteSession();
  await appium?.stop();
  await tls?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function terminations(): Promise<number> {
  const log = await readFile(appium.logFile!, 'utf8');
  return log.split('\n').filter((line) => line.includes(browser.sessionId) && /\[HTTP\] <-- POST \S+\/appium\/device\/terminate_app 200/.test(line)).length;
}

/** Runs the suites `define` declares with mocha's BDD globals; the titles that passed and failed. */
async function runMocha(define: () => void): Promise<{ passed: string[]; failed: string[] }> {
  const mocha = new Mocha({ reporter: Mocha.reporters.Base, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'use-app.test', mocha);
  define();
  const passed: string[] = [];
  const failed: string[] = [];
  await new Promise<void>((resolve) => {
    mocha.run(() => resolve())
      .on('pass', (t) => passed.push(t.title))
      .on('fail', (t, error: Error) => failed.push(`${t.title}: ${error.message}`));
  });
  mocha.dispose();
  return { passed, failed };
}

test('useApp binds one App per describe in before, and each test starts from a fresh launch only when it runs a command', { timeout: 120_000 }, async () => {
  const whoami = `${tls.baseUrl}whoami`;
  const seen: App[] = [];
  let collecting: unknown;
  let other: App | undefined;
  const before = await terminations();
  const { passed, failed } = await runMocha(() => {
    describe('a spec file', () => {
      const app = useApp();
      try {
        void app.device; // what a describe body must not do: the session does not exist yet
      } catch (error) {
        collecting = error;
      }

      it('loads client-a: the server sees it', async () => {
        seen.push(app);
        const path = await app.session.push('a.p12', tls.clientA.bytes);
        const [loaded, answer] = await app.batch(
          { prepare: async () => ({ action: 'load-rawbytes', input: path, password: tls.clientA.password }), finish: async (r) => r },
          { prepare: async () => ({ action: 'http-request', url: whoami }), finish: async (r) => r },
        );
        assert.equal((loaded as { returned?: boolean }).returned, true, JSON.stringify(loaded));
        assert.equal(JSON.parse(String((answer as { body?: string }).body)).cn, 'client-a', JSON.stringify(answer));
      });

      it('runs in a fresh launch: nothing loaded', async () => {
        seen.push(app);
        const answer = await app.run({ action: 'http-request', url: whoami });
        assert.equal(JSON.parse(String((answer as { body?: string }).body)).cn, null, `client-a survived into this test: ${JSON.stringify(answer)}`);
      });

      it('runs no command: no restart', () => {
        seen.push(app);
      });
    });

    describe('another spec file', () => {
      const app = useApp();
      it('has its own App on the same device session', () => {
        other = app;
      });
    });
  });

  assert.deepEqual(failed, []);
  assert.equal(passed.length, 4, JSON.stringify(passed));
  assert.ok(collecting instanceof AppNotBoundError, `a describe body got ${String(collecting)}`);
  assert.equal(collecting.code, 'APP_NOT_BOUND');
  assert.equal(seen.length, 3);
  assert.ok(seen.every((app) => app === seen[0]), 'one App for every test of the describe');
  assert.ok(other && other !== seen[0], 'another describe gets another App');
  assert.equal(other.session, seen[0]!.session, 'both on the one device session');
  assert.equal(other.browser, browser);
  // One restart before each test that ran a command (the first ran in the session's own launch,
  // which the session cannot know is fresh); none for the tests that ran none.
  assert.equal(await terminations() - before, 2);
});

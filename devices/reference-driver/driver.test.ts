/**
 * The reference driver through a real Appium 3 server and WebdriverIO, against a real TLS
 * server that asks for a client certificate. Runs on both reference profiles.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElementId as E } from '../conformance-app/contract.js';
import { LocalAppiumServer, type StartedAppium } from '../appium-server/index.js';
import { referenceAndroid, referenceIos, type DeviceProfile } from '../profiles/index.js';
import { createTlsFixture, type TlsFixture } from '../test-support/tls-fixture.js';
import { fill, openSession, press, runtimeUnderTest, w3cErrorOf, type Browser } from '../test-support/session.js';

const runtime = await runtimeUnderTest();
let tls: TlsFixture;
let appium: StartedAppium;
let logDir: string;

before(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'devices-appium-log-'));
  // Settled separately so that whichever started is cleaned up by after() if the other failed.
  const [tlsStart, appiumStart] = await Promise.allSettled([
    createTlsFixture(),
    new LocalAppiumServer().withLogFile(join(logDir, 'appium.log')).start(),
  ]);
  if (tlsStart.status === 'fulfilled') tls = tlsStart.value;
  if (appiumStart.status === 'fulfilled') appium = appiumStart.value;
  if (tlsStart.status === 'rejected') throw tlsStart.reason;
  if (appiumStart.status === 'rejected') throw appiumStart.reason;
});

after(async () => {
  const pid = appium?.pid;
  await appium?.stop();
  await tls?.dispose();
  if (pid !== undefined) assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'the Appium server process is gone');
  await rm(logDir, { recursive: true, force: true });
});

async function withSession(profile: DeviceProfile, body: (browser: Browser) => Promise<void>): Promise<void> {
  const browser = await openSession(appium.url, profile.capabilities({ trustCa: [tls.caPem] }));
  try {
    await body(browser);
  } finally {
    await browser.deleteSession();
  }
}

async function whoami(browser: Browser, via: 'http' | 'invoke'): Promise<string | null> {
  await fill(browser, { [E.targetUrl]: `${tls.baseUrl}whoami`, [E.requestMethod]: 'GET', [E.requestBody]: '' });
  const result = await press(browser, via === 'http' ? E.sendHttpRequest : E.sendInvokeService);
  if (via === 'http') {
    assert.equal(result.status, 200, JSON.stringify(result));
    return (JSON.parse(String(result.body)) as { cn: string | null }).cn;
  }
  assert.equal(result.responsecode, 200, JSON.stringify(result));
  return (result.result as { cn: string | null }).cn;
}

for (const makeProfile of [referenceAndroid, referenceIos]) {
  const profile = makeProfile(runtime.implementation);
  // Sessions are independent devices, so they run side by side.
  describe(`reference driver, ${profile.name} (${runtime.name} runtime)`, { concurrency: true }, () => {
    it('loads RawBytes from a pushed file, presents it via both APIs, replaces it with base64', async () => {
      await withSession(profile, async (browser) => {
        assert.equal(await whoami(browser, 'http'), null, 'no certificate before any load');
        await browser.pushFile(profile.pushPath('a.p12'), tls.clientA.bytes.toString('base64'));
        await fill(browser, { [E.certSource]: 'file', [E.certInput]: profile.appPath('a.p12'), [E.certPassword]: tls.clientA.password });
        const loaded = await press(browser, E.loadRawBytes);
        assert.equal(loaded.returned, true, JSON.stringify(loaded));
        assert.equal(await whoami(browser, 'http'), 'client-a');
        assert.equal(await whoami(browser, 'invoke'), 'client-a');

        await fill(browser, { [E.certSource]: 'base64', [E.certInput]: tls.clientB.bytes.toString('base64'), [E.certPassword]: '' });
        assert.equal((await press(browser, E.loadBase64)).returned, true);
        assert.equal(await whoami(browser, 'http'), 'client-b', 'a successful load replaces the certificate');

        // A failed load (wrong password) leaves the previous certificate in force.
        await fill(browser, { [E.certSource]: 'file', [E.certInput]: profile.appPath('a.p12'), [E.certPassword]: 'wrong' });
        assert.equal((await press(browser, E.loadRawBytes)).returned, false);
        assert.equal(await whoami(browser, 'invoke'), 'client-b');
      });
    });

    it('downloads the .p12 as rawdata from a URL and loads it', async () => {
      await withSession(profile, async (browser) => {
        await fill(browser, { [E.certSource]: 'url', [E.certInput]: `${tls.baseUrl}b.p12`, [E.certPassword]: '' });
        assert.equal((await press(browser, E.loadRawBytes)).returned, true);
        assert.equal(await whoami(browser, 'http'), 'client-b');
      });
    });

    it('a restart (terminateApp + activateApp) forgets the certificate, keeps the sandbox', async () => {
      await withSession(profile, async (browser) => {
        await fill(browser, { [E.certSource]: 'base64', [E.certInput]: tls.clientA.bytes.toString('base64'), [E.certPassword]: tls.clientA.password });
        assert.equal((await press(browser, E.loadBase64)).returned, true);
        await browser.pushFile(profile.pushPath('kept.bin'), Buffer.from('kept').toString('base64'));
        const oldResult = Object.values(await browser.findElement('accessibility id', E.result))[0] as string;
        assert.equal(await browser.queryAppState(profile.appId), 4);
        assert.equal(await browser.terminateApp(profile.appId), true);
        assert.equal(await browser.queryAppState(profile.appId), 1);
        assert.equal(await w3cErrorOf(() => browser.findElement('accessibility id', E.result)), 'no such element');
        await browser.activateApp(profile.appId);
        assert.equal(await browser.queryAppState(profile.appId), 4);
        assert.equal(await w3cErrorOf(() => browser.getElementText(oldResult)), 'stale element reference');
        assert.equal(Buffer.from(await browser.pullFile(profile.pushPath('kept.bin')), 'base64').toString(), 'kept');
        assert.equal(await whoami(browser, 'http'), null, 'certificate gone after restart');
      });
    });

    it('reports documented errors 101 and 100 for bad arguments, and app errors for bad input', async () => {
      await withSession(profile, async (browser) => {
        await fill(browser, { [E.loadArguments]: '[]' });
        assert.deepEqual(((await press(browser, E.loadWithArguments)).thrown as { errorCode: number }).errorCode, 101);
        await fill(browser, { [E.loadArguments]: '[{"cert": 5, "pass": ""}]' });
        assert.deepEqual(((await press(browser, E.loadWithArguments)).thrown as { errorCode: number }).errorCode, 100);
        await fill(browser, { [E.loadArguments]: 'not json' });
        assert.match(String((await press(browser, E.loadWithArguments)).appError), /APP_BAD_ARGUMENTS/);
        await fill(browser, { [E.certSource]: 'file', [E.certInput]: 'missing.p12' });
        assert.match(String((await press(browser, E.loadRawBytes)).appError), /APP_FILE_NOT_FOUND/);
        await fill(browser, { [E.certSource]: 'base64', [E.certInput]: 'not base64!' });
        assert.match(String((await press(browser, E.loadRawBytes)).appError), /APP_INVALID_BASE64/);
      });
    });

    it('answers W3C errors for wrong selectors, missing elements, bad element use and bad paths', async () => {
      await withSession(profile, async (browser) => {
        assert.equal(await w3cErrorOf(() => browser.findElement('xpath', '//*')), 'invalid selector');
        assert.equal(await w3cErrorOf(() => browser.findElement('accessibility id', 'no-such-id')), 'no such element');
        assert.deepEqual(await browser.findElements('accessibility id', 'no-such-id'), []);
        const button = await browser.findElement('accessibility id', E.loadBase64);
        const buttonId = Object.values(button)[0] as string;
        assert.equal(await w3cErrorOf(() => browser.elementSendKeys(buttonId, 'x')), 'element not interactable');
        assert.equal(await w3cErrorOf(() => browser.elementClear(buttonId)), 'invalid element state');
        assert.equal(await w3cErrorOf(() => browser.pushFile('../escape.p12', 'AAAA')), 'invalid argument');
        assert.equal(await w3cErrorOf(() => browser.pullFile('nothing-here.p12')), 'invalid argument');
        assert.equal(await w3cErrorOf(() => browser.activateApp('com.example.other')), 'invalid argument');
        assert.equal(await browser.terminateApp('com.example.other'), false);
        assert.equal(await browser.queryAppState('com.example.other'), 0);
        assert.equal(await (await browser.$(`~${E.result}`)).isDisplayed(), true);
      });
    });

    it('runs a scripted API check (readystates) and reports the raw observations', async () => {
      await withSession(profile, async (browser) => {
        await fill(browser, { [E.apiCheck]: 'readystates', [E.targetUrl]: `${tls.baseUrl}whoami` });
        const result = await press(browser, E.runApiCheck);
        assert.equal(result.action, 'api-check', JSON.stringify(result));
        assert.equal(result.check, 'readystates');
        const trace = (result.observed as { trace: { changes: number[]; status: number } }).trace;
        assert.equal(trace.status, 200, JSON.stringify(result));
        assert.equal(trace.changes.at(-1), 4, JSON.stringify(result));
      });
    });

    it('page source lists every element by accessibility id and never shows the password', async () => {
      await withSession(profile, async (browser) => {
        await fill(browser, { [E.certPassword]: 'secret-pass', [E.targetUrl]: 'https://localhost/<&>' });
        const source = await browser.getPageSource();
        for (const id of Object.values(E)) assert.match(source, new RegExp(`"${id}"`));
        assert.doesNotMatch(source, /secret-pass/);
        assert.match(source, /https:\/\/localhost\/&lt;&amp;&gt;/);
        assert.match(source, profile.platform === 'android' ? /<hierarchy/ : /<AppiumAUT>/);
      });
    });
  });
}

describe('reference driver sessions', { concurrency: true }, () => {
  it('keeps passwords and PKCS#12 bytes out of the Appium log', async () => {
    await withSession(referenceAndroid(runtime.implementation), async (browser) => {
      await browser.pushFile('secret.p12', tls.clientA.bytes.toString('base64'));
      await fill(browser, { [E.certSource]: 'file', [E.certInput]: 'secret.p12', [E.certPassword]: tls.clientA.password });
      assert.equal(await (await browser.$(`~${E.certPassword}`)).getText(), '•'.repeat(tls.clientA.password.length));
      assert.equal((await press(browser, E.loadRawBytes)).returned, true);
      await fill(browser, { [E.certSource]: 'base64', [E.certInput]: tls.clientB.bytes.toString('base64') });
      await browser.getPageSource();
    });
    const log = await readFile(appium.logFile!, 'utf8');
    assert.match(log, /push_file/, 'the log is the one the session wrote to');
    assert.doesNotMatch(log, new RegExp(`"${tls.clientA.password}"`));
    for (const p12 of [tls.clientA.bytes, tls.clientB.bytes]) {
      const base64 = p12.toString('base64');
      for (const offset of [0, 100, 400]) assert.equal(log.includes(base64.slice(offset, offset + 24)), false, 'no piece of a .p12 in the log');
    }
  });

  it('removeClientCertificate on Android stops presenting the certificate', async () => {
    await withSession(referenceAndroid(runtime.implementation), async (browser) => {
      await fill(browser, { [E.certSource]: 'base64', [E.certInput]: tls.clientB.bytes.toString('base64'), [E.certPassword]: '' });
      assert.equal((await press(browser, E.loadBase64)).returned, true);
      assert.equal(await whoami(browser, 'http'), 'client-b');
      assert.equal((await press(browser, E.removeCertificate)).thrown, undefined);
      assert.equal(await whoami(browser, 'invoke'), null);
    });
  });

  it('refuses a session whose runtime module does not exist, and one with a bad trust list', async () => {
    const caps = referenceAndroid('/nonexistent/runtime-module.ts').capabilities({ trustCa: [tls.caPem] });
    assert.match(await w3cErrorOf(() => openSession(appium.url, caps)), /session could not be created.*could not load the runtime module/s);
    const badTrust = { ...referenceAndroid(runtime.implementation).capabilities({ trustCa: [] }), 'voltmx:trustCa': ['not a PEM'] };
    assert.match(await w3cErrorOf(() => openSession(appium.url, badTrust)), /session could not be created.*voltmx:trustCa/s);
  });

  it('removes the app sandbox when the session ends', async () => {
    const browser = await openSession(appium.url, referenceIos(runtime.implementation).capabilities({ trustCa: [tls.caPem] }));
    const logPrefix = `[${browser.sessionId.slice(0, 8)}]`;
    let sandbox = '';
    try {
      await browser.pushFile('probe.bin', 'AAAA');
      const log = await readFile(appium.logFile!, 'utf8');
      const line = log.split('\n').find((l) => l.startsWith(logPrefix) && l.includes('App sandbox'));
      sandbox = line?.split(': ').pop()?.trim() ?? '';
      assert.ok(existsSync(join(sandbox, 'probe.bin')), `pushed file is in ${sandbox}`);
    } finally {
      await browser.deleteSession();
    }
    assert.equal(existsSync(sandbox), false, `${sandbox} removed`);
  });
});

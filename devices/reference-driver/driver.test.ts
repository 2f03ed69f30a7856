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
import { caFingerprintOf, KIT_VERSION } from '../app-kit/build-kit.js';
import { LocalAppiumServer, type StartedAppium } from '../appium-server/index.js';
import { referenceAndroid, referenceIos, type DeviceProfile } from '../profiles/index.js';
import { createTlsFixture, type TlsFixture } from '../testing/tls-fixture.js';
import { openSession, runCommand, w3cErrorOf, type Browser } from '../testing/session.js';

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
  const url = `${tls.baseUrl}whoami`;
  const result = await runCommand(browser, via === 'http' ? { action: 'http-request', url, method: 'GET' } : { action: 'invoke-service', url, method: 'GET' });
  if (via === 'http') {
    assert.equal(result.status, 200, JSON.stringify(result));
    return (JSON.parse(String(result.body)) as { cn: string | null }).cn;
  }
  assert.equal(result.responsecode, 200, JSON.stringify(result));
  return (result.result as { cn: string | null }).cn;
}

for (const makeProfile of [referenceAndroid, referenceIos]) {
  const profile = makeProfile();
  // Sessions are independent devices, so they run side by side.
  describe(`reference driver, ${profile.name} (the reference hosting the built kit)`, { concurrency: true }, () => {
    it('loads RawBytes from a pushed file, presents it via both APIs, replaces it with base64', async () => {
      await withSession(profile, async (browser) => {
        assert.equal(await whoami(browser, 'http'), null, 'no certificate before any load');
        await browser.pushFile(profile.pushPath('a.p12'), tls.clientA.bytes.toString('base64'));
        const loaded = await runCommand(browser, { action: 'load-rawbytes', source: 'file', input: profile.appPath('a.p12'), password: tls.clientA.password });
        assert.equal(loaded.returned, true, JSON.stringify(loaded));
        assert.equal(await whoami(browser, 'http'), 'client-a');
        assert.equal(await whoami(browser, 'invoke'), 'client-a');

        await browser.pushFile(profile.pushPath('b.b64'), Buffer.from(tls.clientB.bytes.toString('base64')).toString('base64'));
        assert.equal((await runCommand(browser, { action: 'load-base64', source: 'base64', input: { $textFile: profile.appPath('b.b64') }, password: '' })).returned, true);
        assert.equal(await whoami(browser, 'http'), 'client-b', 'a successful load replaces the certificate');

        // A failed load (wrong password) leaves the previous certificate in force.
        assert.equal((await runCommand(browser, { action: 'load-rawbytes', input: profile.appPath('a.p12'), password: 'wrong' })).returned, false);
        assert.equal(await whoami(browser, 'invoke'), 'client-b');
      });
    });

    it('downloads the .p12 as rawdata from a URL and loads it', async () => {
      await withSession(profile, async (browser) => {
        assert.equal((await runCommand(browser, { action: 'load-rawbytes', source: 'url', input: `${tls.baseUrl}b.p12`, password: '' })).returned, true);
        assert.equal(await whoami(browser, 'http'), 'client-b');
      });
    });

    it('a restart (terminateApp + activateApp) forgets the certificate, keeps the sandbox and the screen', async () => {
      await withSession(profile, async (browser) => {
        await browser.pushFile(profile.pushPath('a.p12'), tls.clientA.bytes.toString('base64'));
        assert.equal((await runCommand(browser, { action: 'load-base64', source: 'file', input: profile.appPath('a.p12'), password: tls.clientA.password })).returned, true);
        await browser.pushFile(profile.pushPath('kept.bin'), Buffer.from('kept').toString('base64'));
        const oldResult = Object.values(await browser.findElement('accessibility id', E.result))[0] as string;
        assert.equal(await browser.queryAppState(profile.appId), 4);
        assert.equal(await browser.terminateApp(profile.appId), true);
        assert.equal(await browser.queryAppState(profile.appId), 1);
        assert.equal(await w3cErrorOf(() => browser.findElement('accessibility id', E.result)), 'no such element');
        assert.equal(await w3cErrorOf(() => browser.getElementText(oldResult)), 'stale element reference', 'nothing on screen while the app is not running');
        await browser.activateApp(profile.appId);
        assert.equal(await browser.queryAppState(profile.appId), 4);
        assert.deepEqual(JSON.parse(await browser.getElementText(oldResult)), { seq: 0, done: true, action: 'none' }, 'the same screen is back: a fresh launch');
        assert.equal(Buffer.from(await browser.pullFile(profile.pushPath('kept.bin')), 'base64').toString(), 'kept');
        assert.equal(await whoami(browser, 'http'), null, 'certificate gone after restart');
      });
    });

    it('reports documented errors 101 and 100 for bad arguments, and app errors for bad input', async () => {
      await withSession(profile, async (browser) => {
        assert.deepEqual(((await runCommand(browser, { action: 'load-with-arguments', args: [] })).thrown as { errorCode: number }).errorCode, 101);
        assert.deepEqual(((await runCommand(browser, { action: 'load-with-arguments', args: [{ cert: 5, pass: '' }] })).thrown as { errorCode: number }).errorCode, 100);
        assert.match(String((await runCommand(browser, '{"action":"load-with-arguments","args":"not an array"}')).appError), /APP_BAD_ARGUMENTS/);
        assert.match(String((await runCommand(browser, 'not json')).appError), /APP_BAD_COMMAND/);
        assert.match(String((await runCommand(browser, { action: 'load-rawbytes', source: 'file', input: 'missing.p12', password: '' })).appError), /APP_FILE_NOT_FOUND/);
        assert.match(String((await runCommand(browser, { action: 'load-rawbytes', source: 'base64', input: 'not base64!', password: '' })).appError), /APP_INVALID_BASE64/);
      });
    });

    it('answers W3C errors for wrong selectors, missing elements, bad element use and bad paths', async () => {
      await withSession(profile, async (browser) => {
        assert.equal(await w3cErrorOf(() => browser.findElement('xpath', '//*')), 'invalid selector');
        assert.equal(await w3cErrorOf(() => browser.findElement('accessibility id', 'no-such-id')), 'no such element');
        assert.deepEqual(await browser.findElements('accessibility id', 'no-such-id'), []);
        const button = await browser.findElement('accessibility id', E.run);
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
        const result = await runCommand(browser, { action: 'api-check', check: 'readystates', url: `${tls.baseUrl}whoami` });
        assert.equal(result.action, 'api-check', JSON.stringify(result));
        assert.equal(result.check, 'readystates');
        const trace = (result.observed as { trace: { changes: number[]; status: number } }).trace;
        assert.equal(trace.status, 200, JSON.stringify(result));
        assert.equal(trace.changes.at(-1), 4, JSON.stringify(result));
      });
    });

    it('answers info: the platform, the reference and driver versions, the sandbox as data directory', async () => {
      await withSession(profile, async (browser) => {
        const info = await runCommand(browser, { action: 'info' });
        assert.equal(info.platform, profile.platform);
        assert.match(String(info.runtimeVersion), /^voltmx-conformance reference \d/);
        assert.equal(info.kitVersion, KIT_VERSION);
        assert.equal(info.caFingerprint, caFingerprintOf(tls.caPem), 'the kit built for the CA the session trusts');
        assert.match(String(info.appVersion), /^appium-voltmx-reference-driver \d/);
        assert.equal(profile.pushPath('x.p12', String(info.dataDirectory)), 'x.p12', 'the sandbox root is the data directory');
        assert.ok(String(info.cacheDirectory).startsWith(String(info.dataDirectory)) || info.cacheDirectory === null);
      });
    });

    it('page source lists every element by accessibility id and never shows the password', async () => {
      await withSession(profile, async (browser) => {
        await (await browser.$(`~${E.command}`)).addValue('{"password":"secret-pass","url":"https://localhost/<&>"}');
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
    await withSession(referenceAndroid(), async (browser) => {
      await browser.pushFile('secret.p12', tls.clientA.bytes.toString('base64'));
      const command = await browser.$(`~${E.command}`);
      await command.addValue(JSON.stringify({ action: 'load-rawbytes', input: 'secret.p12', password: tls.clientA.password }));
      assert.equal(await command.getText(), '{"action":"load-rawbytes","input":"secret.p12","password":"•••"}');
      await (await browser.$(`~${E.run}`)).click();
      await command.addValue(JSON.stringify({ action: 'load-base64', source: 'base64', input: tls.clientB.bytes.toString('base64'), password: '' }));
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

  it('the iOS profile can simulate smart punctuation: plain JSON arrives damaged (APP_COMMAND_DAMAGED), the envelope intact', async () => {
    const caps = { ...referenceIos().capabilities({ trustCa: [tls.caPem] }), 'voltmx:keyboard': { smartPunctuation: true } };
    const browser = await openSession(appium.url, caps);
    try {
      const command = await browser.$(`~${E.command}`);
      await command.addValue('{"action":"info","note":"a--b"}');
      const typed = await command.getText();
      assert.match(typed, /^\{\u201caction\u201d:[\u201c\u201d]info[\u201c\u201d],.*a\u2014b/, `curly quotes and a dash, as iOS types them: ${typed}`);
      assert.doesNotMatch(typed, /"/);
      await (await browser.$(`~${E.run}`)).click();
      // The click reaches the app as an event (JavaScriptCore on iOS): wait for its result.
      const damaged = await browser.waitUntil(async () => {
        const result = JSON.parse(await (await browser.$(`~${E.result}`)).getText()) as { seq: number; done: boolean; appError?: string };
        return result.seq > 0 && result.done ? result : false;
      }, { timeout: 20_000, interval: 25 });
      assert.match(String(damaged.appError), /^APP_COMMAND_DAMAGED/);
      assert.equal((await runCommand(browser, [{ action: 'http-request', url: `${tls.baseUrl}whoami`, method: 'POST', body: 'a--b "c"' }, { action: 'info' }])).action, 'batch');
    } finally {
      await browser.deleteSession();
    }
  });

  it('refuses bad keyboard and splash capabilities', async () => {
    const caps = referenceAndroid().capabilities({ trustCa: [tls.caPem] });
    assert.match(await w3cErrorOf(() => openSession(appium.url, { ...caps, 'voltmx:keyboard': { dropOneIn: 0 } })), /session could not be created.*dropOneIn/s);
    assert.match(await w3cErrorOf(() => openSession(appium.url, { ...caps, 'voltmx:splashMs': -1 })), /session could not be created.*splashMs/s);
  });

  it('removeClientCertificate on Android stops presenting the certificate', async () => {
    await withSession(referenceAndroid(), async (browser) => {
      assert.equal((await runCommand(browser, { action: 'load-rawbytes', source: 'url', input: `${tls.baseUrl}b.p12`, password: '' })).returned, true);
      assert.equal(await whoami(browser, 'http'), 'client-b');
      assert.equal((await runCommand(browser, { action: 'remove-certificate' })).thrown, undefined);
      assert.equal(await whoami(browser, 'invoke'), null);
    });
  });

  it('refuses a session whose runtime module does not exist, and one with a bad trust list', async () => {
    const caps = referenceAndroid('/nonexistent/runtime-module.ts').capabilities({ trustCa: [tls.caPem] });
    assert.match(await w3cErrorOf(() => openSession(appium.url, caps)), /session could not be created.*could not load the runtime module/s);
    const badTrust = { ...referenceAndroid().capabilities({ trustCa: [] }), 'voltmx:trustCa': ['not a PEM'] };
    assert.match(await w3cErrorOf(() => openSession(appium.url, badTrust)), /session could not be created.*voltmx:trustCa/s);
  });

  it('removes the app sandbox when the session ends', async () => {
    const browser = await openSession(appium.url, referenceIos().capabilities({ trustCa: [tls.caPem] }));
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

/**
 * What a command costs on a real Appium session with the reference driver, counted from
 * Appium's own log: the three elements found once per session (also across a restart), one
 * set-value and one click per command or batch, reads until done, a file pushed once per
 * content; a runtime that never answers is the app's `timedOut` observation, or, when the app
 * still answers a trivial command, a RuntimeSilentFailure (fail); only a dead app is infrastructure.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LocalAppiumServer, type StartedAppium } from '../../devices/appium-server/index.js';
import { referenceAndroid, referenceIos } from '../../devices/profiles/index.js';
import { createTlsFixture, type TlsFixture } from '../../devices/testing/tls-fixture.js';
import { openSession, type Browser } from '../../devices/testing/session.js';
import { classifyError } from '../../harness/run/classify-error.js';
import { waitFor } from '../../support/testing/index.js';
import type { RunContextDevice } from '../../harness/run/run-context.js';
import { appDeadlineMs, DeviceSession } from './device-session.js';
import { ClientTimeoutError, CommandDamagedError, RuntimeSilentFailure } from './errors.js';

let tls: TlsFixture;
let appium: StartedAppium;
let dir: string;
let silent: Server;
const sockets = new Set<Socket>();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-device-session-'));
  tls = await createTlsFixture();
  appium = await new LocalAppiumServer().withLogFile(join(dir, 'appium.log')).start();
  // Accepts and never answers: a request to it without a timeout never ends.
  silent = createServer((socket) => { sockets.add(socket); socket.on('error', () => socket.destroy()); });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent?.close(() => resolve()));
  await appium?.stop();
  await tls?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const profile = () => referenceAndroid();

function facts(actionTimeoutMs: number): RunContextDevice {
  const p = profile();
  return {
    name: p.name, platform: p.platform, appId: p.appId, hostAlias: p.hostAlias, pushPathTemplate: p.pushPath('{fileName}'),
    appPathTemplate: p.appPath('{fileName}'), pushLayout: p.pushLayout, actionTimeoutMs,
  };
}

/** Requests of one session by kind, from the Appium log. */
async function requestsOf(browser: Browser): Promise<Record<string, number>> {
  // Appium logs a request after answering it: one more request (GET /timeouts, which the session
  // never sends) and its log line mark the point where every earlier line has been written.
  await browser.getTimeouts();
  // Appium's log is a file another process writes: no event tells us a line is in it, so poll (bounded).
  return waitFor('GET /timeouts in the Appium log', async () => {
    const counts: Record<string, number> = {};
    for (const line of (await readFile(appium.logFile!, 'utf8')).split('\n')) {
      const match = /\[HTTP\] <-- (\w+) \/session\/([0-9a-f-]+)(\/\S*)? \d{3}/.exec(line);
      if (!match || match[2] !== browser.sessionId) continue;
      const kind = `${match[1]} ${(match[3] ?? '').replace(/\/element\/[^/]+\//, '/element/:id/')}`;
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    if (!counts['GET /timeouts']) return undefined;
    delete counts['GET /timeouts'];
    return counts;
  }, 10_000, 20);
}

test('a command is one set-value, one click and reads; elements found once per session; a file pushed once', { timeout: 120_000 }, async () => {
  const browser = await openSession(appium.url, profile().capabilities({ trustCa: [tls.caPem] }));
  try {
    const session = DeviceSession.of(browser, facts(20_000));
    assert.equal(DeviceSession.of(browser, facts(20_000)), session, 'one state per browser session');
    const info = await session.info();
    assert.equal(info.platform, 'android');
    const path = await session.push('a.p12', tls.clientA.bytes);
    assert.equal(await session.push('a.p12', tls.clientA.bytes), path, 'the same content is not pushed again');
    const loaded = await session.run({ action: 'load-rawbytes', input: path, password: tls.clientA.password });
    assert.equal((loaded as { returned?: boolean }).returned, true, JSON.stringify(loaded));
    await session.restart();
    await session.restart(); // nothing ran since the launch: skipped
    const batch = await session.run([{ action: 'load-rawbytes', input: path, password: tls.clientA.password }, { action: 'http-request', url: `${tls.baseUrl}whoami` }]);
    assert.equal(batch.action, 'batch');
    const [again, whoami] = (batch as { results: Array<Record<string, unknown>> }).results;
    assert.equal(again!.returned, true, JSON.stringify(batch));
    assert.equal(JSON.parse(String(whoami!.body)).cn, 'client-a', 'a batch runs in order in one launch');

    const counts = await requestsOf(browser);
    const runs = 3; // info, load, batch
    assert.equal(counts['POST /element'], 3, `the three elements, found once: ${JSON.stringify(counts)}`);
    assert.equal(counts['POST /element/:id/value'], runs, JSON.stringify(counts));
    assert.equal(counts['POST /element/:id/click'], runs, JSON.stringify(counts));
    assert.equal(counts['POST /element/:id/clear'], undefined, 'no clear: run empties the command input');
    assert.equal(counts['POST /appium/device/push_file'], 1, JSON.stringify(counts));
    assert.equal(counts['POST /appium/device/terminate_app'], 1, 'one real restart');
    const reads = counts['GET /element/:id/text'] ?? 0;
    assert.ok(reads >= runs + 1 && reads <= runs * 6, `reads: the seq once, then at least one per run, backing off: ${reads}`);
  } finally {
    await browser.deleteSession();
  }
});

test('a request that never ends: the app reports it timedOut at its own deadline (3/4 of the action timeout), an observation', { timeout: 60_000 }, async () => {
  const browser = await openSession(appium.url, profile().capabilities({ trustCa: [tls.caPem] }));
  try {
    const session = DeviceSession.of(browser, facts(1_600));
    const port = (silent.address() as { port: number }).port;
    const result = await session.run({ action: 'http-request', url: `https://localhost:${port}/whoami` });
    assert.deepEqual({ ...result, seq: 0 }, { seq: 0, done: true, action: 'http-request', readyState: 1, status: 0, timedOut: true, deadlineMs: appDeadlineMs(1_600) });
  } finally {
    await browser.deleteSession();
  }
});

test('a run the app never finishes while it still answers a trivial command: RuntimeSilentFailure, a failure with the deadline', { timeout: 60_000 }, async () => {
  const browser = await openSession(appium.url, profile().capabilities({ trustCa: [tls.caPem] }));
  try {
    const session = DeviceSession.of(browser, facts(1_500));
    // An app whose own deadline is far off (as one without the deadline would be): only the harness's expires.
    const error = await session.run({ action: 'idle', ms: 20_000, deadlineMs: 60_000 }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof RuntimeSilentFailure, String(error));
    assert.equal(error.code, 'RUNTIME_SILENT');
    assert.equal(error.deadlineMs, 1_500);
    assert.match(error.message, /did not finish within 1500 ms.*the app still answers/);
    assert.equal(classifyError(error), 'fail');
    assert.equal(classifyError(new ClientTimeoutError(1_500)), 'error', 'an app that stops answering stays infrastructure');
  } finally {
    await browser.deleteSession();
  }
});

test('on an iOS keyboard with smart punctuation that drops keys, and a splash form after each launch, every command still arrives', { timeout: 120_000 }, async () => {
  const ios = referenceIos();
  const caps = { ...ios.capabilities({ trustCa: [tls.caPem] }), 'voltmx:keyboard': { smartPunctuation: true, dropOneIn: 2 }, 'voltmx:splashMs': 400 };
  const browser = await openSession(appium.url, caps);
  try {
    const device: RunContextDevice = {
      name: ios.name, platform: ios.platform, appId: ios.appId, hostAlias: ios.hostAlias, pushPathTemplate: ios.pushPath('{fileName}'),
      appPathTemplate: ios.appPath('{fileName}'), pushLayout: ios.pushLayout, actionTimeoutMs: 20_000,
    };
    const session = DeviceSession.of(browser, device);
    assert.equal((await session.info()).platform, 'ios', 'found the widgets behind the splash form of the first launch');
    const path = await session.push('a.p12', tls.clientA.bytes);
    const commands = [
      { action: 'load-base64', input: path, password: tls.clientA.password },
      { action: 'http-request', url: `${tls.baseUrl}whoami`, method: 'POST', body: '"quoted" -- and \'single\'' },
    ] as const;
    const batch = await session.run([...commands]);
    const [loaded, echoed] = (batch as { results: Array<Record<string, unknown>> }).results;
    assert.equal(loaded!.returned, true, JSON.stringify(batch));
    assert.equal(JSON.parse(String(echoed!.body)).cn, 'client-a');
    await session.restart();
    assert.equal((await session.run({ action: 'http-request', url: `${tls.baseUrl}whoami` }) as { status?: number }).status, 200, 'after a restart, past the splash form again');

    const counts = await requestsOf(browser);
    assert.ok((counts['POST /element/:id/value'] ?? 0) > 3, `damaged commands were typed again: ${JSON.stringify(counts)}`);
    assert.ok((counts['POST /element'] ?? 0) > 3, `the splash form made the first lookups come back empty: ${JSON.stringify(counts)}`);
  } finally {
    await browser.deleteSession();
  }
});

test('a keyboard that damages every command is a CommandDamagedError: infrastructure, not a failure', { timeout: 60_000 }, async () => {
  const caps = { ...profile().capabilities({ trustCa: [tls.caPem] }), 'voltmx:keyboard': { dropOneIn: 1 } };
  const browser = await openSession(appium.url, caps);
  try {
    const error = await DeviceSession.of(browser, facts(20_000)).run({ action: 'info' }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof CommandDamagedError, String(error));
    assert.match(error.message, /APP_COMMAND_DAMAGED.*keyboard/s);
    assert.equal(classifyError(error), 'error');
  } finally {
    await browser.deleteSession();
  }
});

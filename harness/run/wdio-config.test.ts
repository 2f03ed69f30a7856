import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { collectOutcomes } from './collect-outcomes.js';
import { recordEvidence } from './evidence.js';
import RequirementReporter from './requirement-reporter.js';
import ConformanceService from '../wdio/worker-service.js';
import { RUN_CONTEXT_OPTION } from './run-context.js';
import { wdioConfigSource } from './wdio-config.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-wdio-config-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the generated config loads, with one capability and one grouped worker per device, mocha, our reporter and the worker service; the context file in the config, not in the environment', async () => {
  const file = join(dir, 'wdio.conf.mjs');
  const variables = Object.keys(process.env).sort();
  await writeFile(file, wdioConfigSource({
    appiumUrl: new URL('http://127.0.0.1:4723/'),
    specs: ['/x/a.spec.ts'],
    capabilities: [{ platformName: 'Android', 'voltmx:device': 'reference-android' }, { platformName: 'iOS', 'voltmx:device': 'reference-ios', 'wdio:specs': ['/x/a.spec.ts'] }],
    contextFile: join(dir, 'context.json'),
    outcomesDir: join(dir, 'outcomes'),
    logsDir: join(dir, 'logs'),
    grep: 'CA-REPLACE',
    first: '/x/first.ts',
  }));
  {
    const { config } = (await import(pathToFileURL(file).href)) as { config: Record<string, any> };
    assert.equal(config.framework, 'mocha');
    assert.equal(config.runner, 'local');
    assert.deepEqual(config.services, [[ConformanceService, {}]]);
    assert.equal(config.capabilities.length, 2);
    assert.equal(config.maxInstances, 2, 'devices run in parallel');
    assert.deepEqual(config.specs, [['/x/first.ts', '/x/a.spec.ts']], 'one group: one worker and one session per device, the self-test first');
    assert.deepEqual(config.capabilities[1]['wdio:specs'], [['/x/first.ts', '/x/a.spec.ts']], 'a device\'s own spec list is one group too');
    assert.equal(config.hostname, '127.0.0.1');
    assert.equal(config.port, 4723);
    assert.equal(config.mochaOpts.grep, 'CA-REPLACE');
    assert.equal(config.reporters[0][0], RequirementReporter);
    assert.equal(config.reporters[0][1].outcomesDir, join(dir, 'outcomes'));
    assert.equal(config[RUN_CONTEXT_OPTION], join(dir, 'context.json'));
    assert.deepEqual(Object.keys(process.env).sort(), variables, 'loading the config sets no environment variable');
  }
});

test('collectOutcomes reads outcome, incident and started lines from every worker file', async () => {
  const outcomes = join(dir, 'collect');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(outcomes);
  await writeFile(join(outcomes, 'outcomes-1.jsonl'), [
    JSON.stringify({ kind: 'started', device: 'd', specs: ['file:///x/a.spec.ts'] }),
    JSON.stringify({ kind: 'outcome', requirement: 'CA-REPLACE', device: 'd', title: 't', status: 'pass', message: '', durationMs: 1 }),
    '',
  ].join('\n'));
  const info = { platform: 'ios', runtimeVersion: 'rt', appVersion: 'app', dataDirectory: '/data', cacheDirectory: null };
  await writeFile(join(outcomes, 'outcomes-2.jsonl'), `${JSON.stringify({ kind: 'incident', stage: 'hook', device: 'e', message: 'hook failed' })}\n${JSON.stringify({ kind: 'wiring', device: 'e', ok: true, info })}\n`);
  await writeFile(join(outcomes, 'wiring-3.jsonl'), `${JSON.stringify({ kind: 'wiring', device: 'f', ok: false, code: 'WIRING_KIT_VERSION', message: 'rebuild' })}\n`);
  const collected = await collectOutcomes(outcomes);
  assert.equal(collected.outcomes.length, 1);
  assert.equal('kind' in collected.outcomes[0], false);
  assert.deepEqual(collected.incidents.map((i) => i.message), ['hook failed']);
  assert.deepEqual(collected.started.map((s) => s.device), ['d']);
  assert.deepEqual(collected.deviceInfo, { e: info });
  assert.deepEqual(collected.miswired, { f: { code: 'WIRING_KIT_VERSION', message: 'rebuild' } });
  assert.deepEqual(await collectOutcomes(join(dir, 'absent')), { outcomes: [], incidents: [], started: [], deviceInfo: {}, miswired: {} });
});

test('a skipped test reports the reason its spec recorded (mocha\'s this.skip() has none)', async () => {
  const outcomesDir = join(dir, 'skip-reason');
  const { Writable } = await import('node:stream');
  // In a worker WebdriverIO hands the reporter a stream; here it writes nowhere.
  const reporter = new RequirementReporter({ outcomesDir, progress: false, writeStream: new Writable({ write: (_c, _e, done) => done() }) });
  const stats = (title: string) => ({ title, fullTitle: `suite.${title}`, duration: 1 }) as unknown as Parameters<RequirementReporter['onTestSkip']>[0];
  recordEvidence({ skipReason: 'Java judge not running: javac not found' });
  reporter.onTestSkip(stats('[CA-MULTI-ANDROID-TLS12-KEY-TYPES] with a reason'));
  reporter.onTestSkip(stats('[CA-MULTI-ANDROID-X500-NAMES] without one'));
  const { readdir, readFile } = await import('node:fs/promises');
  const [file] = await readdir(outcomesDir);
  const lines = (await readFile(join(outcomesDir, file!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { status: string; message: string });
  assert.deepEqual(lines.map((l) => [l.status, l.message]), [['skip', 'Java judge not running: javac not found'], ['skip', 'skipped']]);
});

/**
 * The services' refusals, which need no servers (the full path, PKI to Appium to specs, runs
 * from the installed package in installed-package.test.ts), and specFiles' filters.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import { SevereServiceError } from 'webdriverio';
import { RUN_CONTEXT_ENV } from '../run/run-context.js';
import ConformanceService, { launcher as ConformanceLauncher, specFiles } from './index.js';

const quiet = { log: () => {} };

test('the launcher refuses a config without a voltmx:device capability, or a multiremote one, before starting anything', async () => {
  const launcher = new ConformanceLauncher(quiet);
  await assert.rejects(launcher.onPrepare({}, [{ platformName: 'Android' }]), (e: Error) => e instanceof SevereServiceError && /no capability names a device/.test(e.message));
  await assert.rejects(launcher.onPrepare({}, { a: { capabilities: {} } }), (e: Error) => e instanceof SevereServiceError && /multiremote/.test(e.message));
  await assert.rejects(launcher.onPrepare({}, [{ 'voltmx:device': 'no-such-device' }]), (e: Error) => e instanceof SevereServiceError && /unknown device profile "no-such-device"/.test(e.message));
  assert.equal(process.env[RUN_CONTEXT_ENV], undefined);
});

test('a worker without the launcher fails before its session, naming the fix', () => {
  const saved = process.env[RUN_CONTEXT_ENV];
  delete process.env[RUN_CONTEXT_ENV];
  try {
    assert.throws(() => new ConformanceService().beforeSession({}, { 'voltmx:device': 'reference-android' }),
      (e: Error) => e instanceof SevereServiceError && /add `launcher` from voltmx-conformance\/wdio/.test(e.message));
  } finally {
    if (saved !== undefined) process.env[RUN_CONTEXT_ENV] = saved;
  }
});

test('specFiles lists the spec files and filters by name, pattern or predicate', () => {
  const all = specFiles();
  assert.ok(all.length >= 10 && all.every((f) => f.endsWith('.spec.ts')));
  assert.deepEqual(specFiles('replace').map((f) => basename(f)), ['replace.spec.ts']);
  assert.deepEqual(specFiles(/-android\.spec\.ts$/).map((f) => basename(f)), all.filter((f) => f.endsWith('-android.spec.ts')).map((f) => basename(f)));
  assert.deepEqual(specFiles(() => false), []);
});

/**
 * The V8 host: the kit's context holds only the ECMA-262 built-ins and `voltmx`, and the kit
 * reaches files, RawBytes and bundled files only through that namespace and the wiring hooks.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runInContext } from 'node:vm';
import { createRuntime } from '../../../../reference/index.js';
import type { VoltmxRuntime } from '../../../../reference/runtime/contract.js';
import { launchKit } from '../../../app-kit/testing/hosted-kit.js';
import { createTlsFixture, type TlsFixture } from '../../../testing/tls-fixture.js';
import { buildKit } from '../../../app-kit/build-kit.js';
import { ecmaOnlyContext, vmHost } from './vm-host.js';
import { xcuitestStaticText } from './widgets.js';

/** What a fresh V8 context may hold: ECMA-262's global object (with Annex B's escape / unescape). */
const ECMA_GLOBALS = new Set([
  'Object', 'Function', 'Array', 'Number', 'parseFloat', 'parseInt', 'Infinity', 'NaN', 'undefined', 'Boolean', 'String', 'Symbol',
  'Date', 'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError',
  'URIError', 'globalThis', 'JSON', 'Math', 'Intl', 'ArrayBuffer', 'Atomics', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array',
  'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'Uint8ClampedArray', 'BigUint64Array', 'BigInt64Array', 'DataView',
  'Map', 'BigInt', 'Set', 'WeakMap', 'WeakSet', 'Proxy', 'Reflect', 'FinalizationRegistry', 'WeakRef', 'decodeURI',
  'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape', 'eval', 'isFinite', 'isNaN', 'SharedArrayBuffer',
  'Iterator', 'Float16Array',
]);

describe('the V8 app host', () => {
  let tls: TlsFixture;
  let dir: string;
  const runtimes: VoltmxRuntime[] = [];
  before(async () => {
    tls = await createTlsFixture();
    dir = await mkdtemp(join(tmpdir(), 'voltmx-vm-host-'));
  });
  after(async () => {
    for (const runtime of runtimes) await runtime.shutdown();
    await tls?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  function runtimeFor(platform: 'android' | 'ios', name: string): VoltmxRuntime {
    mkdirSync(join(dir, name));
    const runtime = createRuntime({ platform, trust: { ca: [tls.caPem] }, filesDir: join(dir, name) });
    runtimes.push(runtime);
    return runtime;
  }

  it('offers only ECMA-262 globals: no setTimeout, console, Buffer, TextDecoder, fetch, require, process', () => {
    const names = [...(runInContext('Object.getOwnPropertyNames(globalThis)', ecmaOnlyContext()) as string[])];
    assert.deepEqual(names.filter((name) => !ECMA_GLOBALS.has(name)), []);
    for (const name of ['setTimeout', 'console', 'Buffer', 'TextDecoder', 'fetch', 'require', 'process', 'WebAssembly']) assert.ok(!names.includes(name), name);
  });

  it('refuses a kit that does not load, or one without VoltmxConformance.wire', async () => {
    const runtime = runtimeFor('android', 'refuse');
    await assert.rejects(vmHost.launch({ kitSource: 'setTimeout(function () {}, 1);', runtime, hooks: {} }), { code: 'APP_HOST_KIT_FAILED' });
    await assert.rejects(vmHost.launch({ kitSource: 'var VoltmxConformance = {};', runtime, hooks: {} }), { code: 'APP_HOST_WIRING_FAILED' });
  });

  it('loads a pushed file as RawBytes, clears the very RawBytes after the call, and reads a file back as base64', async () => {
    const runtime = runtimeFor('android', 'files');
    await writeFile(join(dir, 'files', 'a.p12'), tls.clientA.bytes);
    const kit = await launchKit(runtime);
    const [loaded, info, back, missing] = (await kit.run([
      { action: 'load-rawbytes', input: 'a.p12', password: tls.clientA.password, clearAfterLoad: true },
      { action: 'info' },
      { action: 'read-file', input: 'a.p12' },
      { action: 'read-file', input: 'missing.bin' },
    ])).results as Record<string, unknown>[];
    assert.equal(loaded!.returned, true, JSON.stringify(loaded));
    assert.equal(info!.platform, 'android');
    assert.equal(back!.base64, tls.clientA.bytes.toString('base64'), 'the file itself is untouched by clear()');
    assert.equal(missing!.base64, null);
    await kit.terminate();
  });

  it('bundled files: copyBundledFile on Android, bundledFilePath on iOS; a missing one is APP_BUNDLED_FILE_NOT_FOUND, a missing hook APP_BUNDLED_HOOK_MISSING', async () => {
    const android = runtimeFor('android', 'bundled-android');
    const copied: string[] = [];
    const onAndroid = await launchKit(android, {
      // The FFI copies out of the APK synchronously, as a native call does.
      copyBundledFile: (name, dest) => {
        copied.push(dest);
        if (name !== 'a.p12') return false;
        writeFileSync(dest, tls.clientA.bytes);
        return true;
      },
    });
    assert.equal((await onAndroid.run({ action: 'load-base64', source: 'bundled', input: 'a.p12', password: tls.clientA.password })).returned, true);
    assert.equal(copied[0], join(android.io.FileSystem.getCacheDirectoryPath(), 'a.p12'));
    assert.match(String((await onAndroid.run({ action: 'load-rawbytes', source: 'bundled', input: 'b.p12', password: '' })).appError), /^APP_BUNDLED_FILE_NOT_FOUND/);
    // read-file, source bundled: the app's own copy (CA-LOAD-BUNDLED compares it with the run's); null when absent.
    assert.equal((await onAndroid.run({ action: 'read-file', source: 'bundled', input: 'a.p12' })).base64, tls.clientA.bytes.toString('base64'));
    assert.equal((await onAndroid.run({ action: 'read-file', source: 'bundled', input: 'b.p12' })).base64, null);
    assert.match(String((await onAndroid.run({ action: 'read-file', source: 'elsewhere', input: 'a.p12' })).appError), /^APP_BAD_SOURCE/);
    await onAndroid.terminate();

    const ios = runtimeFor('ios', 'bundled-ios');
    const inApp = join(ios.io.FileSystem.getDataDirectoryPath(), 'a.p12');
    await writeFile(inApp, tls.clientA.bytes);
    const onIos = await launchKit(ios, { bundledFilePath: (name) => (name === 'a.p12' ? inApp : null) });
    assert.equal((await onIos.run({ action: 'load-rawbytes', source: 'bundled', input: 'a.p12', password: tls.clientA.password })).returned, true);
    assert.match(String((await onIos.run({ action: 'load-rawbytes', source: 'bundled', input: 'b.p12', password: '' })).appError), /^APP_BUNDLED_FILE_NOT_FOUND/);
    assert.equal((await onIos.run({ action: 'read-file', source: 'bundled', input: 'a.p12' })).base64, tls.clientA.bytes.toString('base64'));
    assert.equal((await onIos.run({ action: 'read-file', source: 'bundled', input: 'b.p12' })).base64, null);
    await onIos.terminate();
    const noHooks = await launchKit(runtimeFor('android', 'no-hooks'));
    assert.match(String((await noHooks.run({ action: 'load-rawbytes', source: 'bundled', input: 'a.p12', password: '' })).appError), /^APP_BUNDLED_HOOK_MISSING: the app wires no host.copyBundledFile hook/);
    assert.match(String((await noHooks.run({ action: 'read-file', source: 'bundled', input: 'a.p12' })).appError), /^APP_BUNDLED_HOOK_MISSING: the app wires no host.copyBundledFile hook/);
    await noHooks.terminate();
  });

  it('on iOS the kit keeps the result label\'s a11yValue equal to its text (XCUITest reads it); on Android it leaves accessibility alone', async () => {
    const kitSource = buildKit({ caFingerprint: null });
    const ios = await vmHost.launch({ kitSource, runtime: runtimeFor('ios', 'a11y-ios'), hooks: {} });
    assert.deepEqual(ios.getAccessibility?.('result'), { a11yLabel: 'result', a11yHidden: false, a11yValue: ios.getText('result') });
    assert.equal(xcuitestStaticText({ text: ios.getText('result'), accessibilityConfig: ios.getAccessibility?.('result') }), '{"seq":0,"done":true,"action":"none"}');
    await ios.terminate();
    const android = await vmHost.launch({ kitSource, runtime: runtimeFor('android', 'a11y-android'), hooks: {} });
    assert.deepEqual(android.getAccessibility?.('result'), { a11yLabel: 'result', a11yHidden: false });
    await android.terminate();
    assert.equal(xcuitestStaticText({ text: '{}', accessibilityConfig: { a11yLabel: 'result' } }), 'result', 'without the value, XCUITest reads the label');
  });

  it('a damaged command is APP_COMMAND_DAMAGED and the input is emptied for the next one', async () => {
    const kit = await launchKit(runtimeFor('ios', 'damaged'));
    const result = await kit.run('{\u201caction\u201d:\u201cinfo\u201d}');
    assert.equal(result.action, 'none');
    assert.match(String(result.appError), /^APP_COMMAND_DAMAGED/);
    assert.equal(kit.text('command'), '');
    assert.equal((await kit.run({ action: 'info' })).platform, 'ios');
    await kit.terminate();
  });
});

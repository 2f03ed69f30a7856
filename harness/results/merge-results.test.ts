import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../cli/main.js';
import { toResultsJson } from '../reports/results-json.js';
import { buildRunReport } from '../reports/run-report.js';
import { devicesFileDevice, withRerunLines } from '../reports/rerun.js';
import { aggregateOutcomes } from './aggregate.js';
import { deviceExpectationLookup, unknownExpectationDevices } from './device-expectations.js';
import { parseExpectations } from './expectations.js';
import type { TestOutcome } from './types.js';

const file = (device: string, id: string) => parseExpectations({ device, expectations: { [id]: { status: 'fail', reason: `by ${device}` } } }, 'test');
const targets = [
  { name: 'pixel-1', profile: 'android-emulator', platform: 'android' },
  { name: 'pixel-2', profile: 'android-emulator', platform: 'android' },
  { name: 'iphone', profile: 'ios-simulator', platform: 'ios' },
];

test('expectations match a device by its name, then its profile, then its platform', () => {
  const files = new Map([['pixel-1', file('pixel-1', 'CA-REMOVE')], ['android-emulator', file('android-emulator', 'CA-REMOVE')], ['ios', file('ios', 'CA-REMOVE')]]);
  const lookup = deviceExpectationLookup(files, targets);
  assert.equal(lookup('pixel-1', 'CA-REMOVE')?.reason, 'by pixel-1');
  assert.equal(lookup('pixel-2', 'CA-REMOVE')?.reason, 'by android-emulator');
  assert.equal(lookup('iphone', 'CA-REMOVE')?.reason, 'by ios');
  assert.equal(lookup('pixel-1', 'CA-REPLACE'), undefined, 'the device\'s own file speaks for it alone');
  assert.deepEqual(unknownExpectationDevices(new Map([['pixel-3', file('pixel-3', 'CA-REMOVE')], ['reference-ios', file('reference-ios', 'CA-REMOVE')]]), targets, ['reference-ios']), ['pixel-3']);
});

const outcome = (device: string, requirement: string, status: TestOutcome['status'], title = requirement): TestOutcome => ({ requirement, device, title, status, message: status, durationMs: 1 });
const report = (outcomes: TestOutcome[], infra: string[], at: string) => buildRunReport({
  tool: { name: 'voltmx-conformance', version: 'test' }, startedAt: at, finishedAt: at, backend: 'embedded',
  devices: [...new Set(outcomes.map((o) => o.device))].map((name) => ({ name, profile: 'reference-ios', platform: 'ios' as const })),
  // As a run of `--devices d.json` writes them.
  results: withRerunLines(aggregateOutcomes(outcomes, () => undefined), [], (device) => devicesFileDevice('d.json', device)), infrastructureErrors: infra,
});

test('merge: shard folders become one set of reports (worst status per requirement x device, exit code of the whole)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-merge-test-'));
  try {
    const one = join(dir, 'shard-1');
    const two = join(dir, 'shard-2');
    await mkdir(one);
    await mkdir(two);
    await writeFile(join(one, 'results.json'), toResultsJson(report([outcome('a', 'CA-REMOVE', 'pass', 't1'), outcome('b', 'CA-REMOVE', 'pass')], [], '2026-01-01T00:00:00.000Z')));
    await writeFile(join(two, 'results.json'), toResultsJson(report([outcome('a', 'CA-REMOVE', 'fail', 't2'), outcome('a', 'CA-REPLACE', 'pass')], [], '2026-01-02T00:00:00.000Z')));
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const code = await main(['merge', one, two, '--report-dir', join(dir, 'merged')], io);
    assert.equal(code, 1, out.join('\n'));
    const merged = JSON.parse(await readFile(join(dir, 'merged', 'results.json'), 'utf8'));
    assert.deepEqual(merged.devices.map((d: { name: string }) => d.name), ['a', 'b']);
    assert.deepEqual(merged.results.map((r: { device: string; requirement: string; status: string }) => `${r.device} ${r.requirement} ${r.status}`), ['a CA-REMOVE fail', 'b CA-REMOVE pass', 'a CA-REPLACE pass']);
    assert.equal(merged.results[0].tests.length, 2);
    assert.equal(merged.startedAt, '2026-01-01T00:00:00.000Z');
    assert.equal(merged.finishedAt, '2026-01-02T00:00:00.000Z');
    assert.match(await readFile(join(dir, 'merged', 'junit.xml'), 'utf8'), /CA-REPLACE/);
    assert.equal(await main(['merge', one, '--report-dir', join(dir, 'merged-one')], io), 0);
    assert.equal(await main(['merge', join(dir, 'nope'), '--report-dir', join(dir, 'x')], io), 2);
    assert.equal(await main(['merge', '--report-dir', join(dir, 'x')], io), 2);
    assert.equal(await main(['merge', one, '--report-dir', one], io), 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('merge: rerun lines stay on unexpected results; one blocked by another shard\'s failure loses its line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-merge-rerun-'));
  try {
    const one = join(dir, 'shard-1');
    const two = join(dir, 'shard-2');
    await mkdir(one);
    await mkdir(two);
    // CA-REPLACE-KEEPALIVE builds on CA-REPLACE: each shard alone sees an unexpected root.
    await writeFile(join(one, 'results.json'), toResultsJson(report([outcome('a', 'CA-REPLACE', 'fail'), outcome('b', 'CA-REMOVE', 'fail')], [], '2026-01-01T00:00:00.000Z')));
    await writeFile(join(two, 'results.json'), toResultsJson(report([outcome('a', 'CA-REPLACE-KEEPALIVE', 'fail'), outcome('b', 'CA-REMOVE', 'pass')], [], '2026-01-02T00:00:00.000Z')));
    const before = JSON.parse(await readFile(join(two, 'results.json'), 'utf8')) as { results: { requirement: string; rerun?: string }[] };
    assert.equal(before.results.find((r) => r.requirement === 'CA-REPLACE-KEEPALIVE')?.rerun, 'npx voltmx-conformance run --devices d.json --only-device a --requirement CA-REPLACE-KEEPALIVE');
    const out: string[] = [];
    const code = await main(['merge', one, two, '--report-dir', join(dir, 'merged')], { out: (t) => out.push(t), err: (t) => out.push(t) });
    assert.equal(code, 1, out.join('\n'));
    const merged = JSON.parse(await readFile(join(dir, 'merged', 'results.json'), 'utf8')) as { results: { device: string; requirement: string; status: string; rerun?: string }[] };
    const line = (device: string, id: string) => merged.results.find((r) => r.device === device && r.requirement === id);
    assert.equal(line('a', 'CA-REPLACE')?.rerun, 'npx voltmx-conformance run --devices d.json --only-device a --requirement CA-REPLACE');
    assert.equal(line('a', 'CA-REPLACE-KEEPALIVE')?.status, 'blocked');
    assert.equal(line('a', 'CA-REPLACE-KEEPALIVE')?.rerun, undefined);
    // The worst copy (the failure) speaks, with its line.
    assert.equal(line('b', 'CA-REMOVE')?.rerun, 'npx voltmx-conformance run --devices d.json --only-device b --requirement CA-REMOVE');
    const summary = out.join('\n');
    assert.match(summary, /Rerun one:\n {2}npx voltmx-conformance run --devices d.json --only-device b --requirement CA-REMOVE\n {2}npx voltmx-conformance run --devices d.json --only-device a --requirement CA-REPLACE\n/);
    assert.doesNotMatch(summary, /--requirement CA-REPLACE-KEEPALIVE/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { toolSkip } from '../../support/testing/index.js';
import { ExitCode, buildRunReport, exitCodeOf, terminalSummary, toHtmlReport, writeReports } from './index.js';
import { sampleReport } from './testing/sample-report.js';
import { judgeOutcomes } from '../results/judge-results.js';
import { mergeResults, readResultsInput } from '../results/merge-results.js';
import { checkXml, findAll } from './testing/xml-checker.js';

const CHROMIUM = '/usr/bin/chromium';
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-reports-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('exit code: 0 only when nothing is unexpected, infrastructure wins', () => {
  const report = sampleReport();
  assert.equal(exitCodeOf(report), ExitCode.infrastructure);
  const noErrors = buildRunReport({ ...report, results: report.results.filter((r) => r.status !== 'error') });
  assert.equal(exitCodeOf(noErrors), ExitCode.unexpected);
  const clean = buildRunReport({ ...report, results: report.results.filter((r) => !r.unexpected) });
  assert.equal(exitCodeOf(clean), ExitCode.ok);
  assert.equal(exitCodeOf(buildRunReport({ ...clean, infrastructureErrors: ['appium died'] })), ExitCode.infrastructure);
});

test('results.json and junit.xml are well-formed and carry requirement and device', async () => {
  const written = await writeReports(join(dir, 'out'), sampleReport());
  const json = JSON.parse(await readFile(written.resultsJson, 'utf8'));
  assert.equal(json.results.length, 6);
  for (const r of json.results) {
    for (const key of ['requirement', 'device', 'status', 'expected', 'unexpected', 'message', 'observation']) assert.ok(key in r, key);
  }
  const expired = json.results.find((r: { requirement: string }) => r.requirement === 'CA-SERVER-REJECTS-EXPIRED');
  assert.equal(expired.unexpected, true);
  assert.equal(expired.observation.verify, 'FAILED:certificate has expired');
  assert.equal(json.verdict.unexpected, 3, 'expired fail, tls13 error, ios-first unexpected pass');
  assert.equal(json.devices[0].app.runtimeVersion, 'runtime <9.2>', 'what the app reported about itself names what was tested');
  assert.match(toHtmlReport(sampleReport()), /runtime &lt;9\.2&gt;, app 1\.0/);

  const root = checkXml(await readFile(written.junitXml, 'utf8'));
  assert.equal(root.name, 'testsuites');
  const cases = findAll(root, 'testcase');
  assert.equal(cases.length, 6);
  for (const c of cases) {
    const props = Object.fromEntries(findAll(c, 'property').map((p) => [p.attributes.name, p.attributes.value]));
    assert.ok(c.attributes.name.includes(`[${props.requirement}]`) && c.attributes.name.includes(props.device), c.attributes.name);
  }
  const byName = (n: string) => cases.find((c) => c.attributes.name === n)!;
  assert.equal(findAll(byName('[CA-SERVER-REJECTS-EXPIRED] reference-android'), 'failure').length, 1);
  assert.match(findAll(byName('[CA-SERVER-REJECTS-EXPIRED] reference-android'), 'failure')[0].text, /<script>/);
  assert.equal(findAll(byName('[CA-TLS13] reference-ios'), 'error').length, 1);
  assert.equal(findAll(byName('[CA-REMOVE] reference-android'), 'skipped').length, 1, 'expected unimplemented is skipped');
  assert.equal(findAll(byName('[CA-MULTI-IOS-FIRST] reference-ios'), 'failure')[0].attributes.type, 'unexpected-pass');
  const suites = findAll(root, 'testsuite');
  assert.deepEqual(suites.map((s) => s.attributes.name), ['reference-android', 'reference-ios']);
});

test('report.html is self-contained, escapes content and holds the evidence behind failures', () => {
  const html = toHtmlReport(sampleReport());
  assert.doesNotMatch(html, /<script|<link|@import|url\(|src=|https?:\/\//i, 'no scripts, links or network');
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /<details id="r-CA-SERVER-REJECTS-EXPIRED-reference-android" open>/);
  assert.match(html, /FAILED:certificate has expired/);
  assert.match(html, /&quot;action&quot;: &quot;http-request&quot;/);
  assert.match(html, /<td class="cell na" title="not applicable">n\/a<\/td>/, 'CA-REMOVE is n/a on iOS');
  const details = html.match(/<details/g) ?? [];
  assert.equal(details.length, 4, 'every non-pass or unexpected result has details');
});

test('the terminal summary counts per device and lists unexpected results', () => {
  const text = terminalSummary(sampleReport());
  assert.match(text, /^device\s+pass\s+fail\s+skip\s+unimplemented\s+blocked\s+differs\s+error\s+unexpected$/m);
  assert.match(text, /^reference-android\s+1\s+1\s+0\s+1\s+0\s+0\s+0\s+1$/m);
  assert.match(text, /CA-MULTI-IOS-FIRST \[practice\] on reference-ios: pass \(expected fail\)/);
  assert.match(text, /6 results, 3 unexpected, 1 infrastructure errors/);
});

/** Pixel data variety: a blank page inflates to a handful of distinct byte values. */
function distinctImageBytes(png: Buffer): number {
  assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return new Set(inflateSync(Buffer.concat(idat))).size;
}

function screenshot(url: string, file: string, profile: string): Promise<void> {
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--window-size=1280,1600', `--screenshot=${file}`, url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`chromium exited ${code}: ${stderr.slice(-500)}`));
    });
  });
}

test('report.html renders in headless Chromium', { skip: toolSkip('chromium', existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is absent`) }, async () => {
  const out = join(dir, 'render');
  const written = await writeReports(out, sampleReport());
  const png = join(out, 'report.png');
  const profile = await mkdtemp(join(tmpdir(), 'voltmx-chromium-'));
  try {
    await screenshot(pathToFileURL(written.html).href, png, profile);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const bytes = await readFile(png);
  assert.ok((await stat(png)).size > 10_000, 'a screenshot of a real page');
  assert.ok(bytes.readUInt32BE(16) >= 1000 && bytes.readUInt32BE(20) >= 1000, 'IHDR width and height');
  assert.ok(distinctImageBytes(bytes) > 50, 'the page shows more than a blank canvas');
});

/** The sample run plus a runtime that reads a missing pass as "" (a decision of the reference). */
function reportWithDifference() {
  const base = sampleReport();
  const [difference] = judgeOutcomes([{ requirement: 'CA-PASS-REQUIRED', device: 'reference-ios', title: '[CA-PASS-REQUIRED] pass is missing: throws 100', status: 'fail', message: 'expected 100, returned true', durationMs: 20 }], () => undefined);
  return buildRunReport({ ...base, results: [...base.results, difference!] });
}

test('a difference from a decision is listed as such in every format, with its level, and is no failure', async () => {
  const report = reportWithDifference();
  assert.equal(report.verdict.unexpected, 3, 'the difference adds nothing unexpected');
  assert.equal(report.verdict.counts.differs, 1);
  const written = await writeReports(join(dir, 'differs'), report);
  const json = JSON.parse(await readFile(written.resultsJson, 'utf8'));
  const row = json.results.find((r: { requirement: string }) => r.requirement === 'CA-PASS-REQUIRED');
  assert.deepEqual([row.status, row.level, row.unexpected], ['differs', 'decision', false]);
  assert.equal(json.results.find((r: { requirement: string }) => r.requirement === 'CA-TLS13').level, 'practice');

  const cases = findAll(checkXml(await readFile(written.junitXml, 'utf8')), 'testcase');
  const differs = cases.find((c) => c.attributes.name === '[CA-PASS-REQUIRED] reference-ios')!;
  assert.equal(findAll(differs, 'failure').length + findAll(differs, 'skipped').length, 0, 'passes in CI');
  assert.match(findAll(differs, 'system-out')[0]!.text, /differs from the reference's decision/);
  const props = Object.fromEntries(findAll(differs, 'property').map((p) => [p.attributes.name, p.attributes.value]));
  assert.deepEqual([props.status, props.level], ['differs', 'decision']);

  const html = await readFile(written.html, 'utf8');
  assert.match(html, /Differs from the reference's decisions \(1\)/);
  assert.match(html, /<td class="cell differs">/);
  assert.match(html, /<td>decision \(platform-facts §1, platform-facts §3\)<\/td>/);

  const text = terminalSummary(report);
  assert.match(text, /Differs from the reference's decisions[^\n]*\n  CA-PASS-REQUIRED on reference-ios: expected 100, returned true/);
  assert.match(text, /CA-TLS13 \[practice\] on reference-ios: error/);

  const merged = mergeResults([await readResultsInput(written.resultsJson)]);
  const again = merged.results.find((r) => r.requirement === 'CA-PASS-REQUIRED')!;
  assert.deepEqual([again.status, again.level, again.unexpected], ['differs', 'decision', false]);
  assert.match(terminalSummary(merged), /Differs from the reference's decisions/);
});

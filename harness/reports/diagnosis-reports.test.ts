/** Blocked results, rerun lines, transcripts and provenance in every report format. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyBlocked } from '../results/blocked.js';
import type { RequirementResult } from '../results/types.js';
import { toHtmlReport } from './html-report.js';
import { toJunitXml } from './junit-xml.js';
import { publicCapabilities } from './provenance.js';
import { profileDevice, withRerunLines } from './rerun.js';
import { toResultsJson } from './results-json.js';
import { buildRunReport, exitCodeOf } from './run-report.js';
import { terminalSummary } from './terminal-summary.js';

const base = { expected: 'pass' as const, expectationReason: null, observation: null, clientResult: null, serverLog: null, tests: [] };
const transcript = { protocol: 'TLSv1.3', resumed: false, certificateRequest: { caNames: ['CN=Root A'], signatureAlgorithms: ['rsa_pss_rsae_sha256'] }, clientCertificates: [] };

function report() {
  const raw: RequirementResult[] = [
    { ...base, requirement: 'CA-REPLACE', device: 'reference-android', status: 'fail', unexpected: true, message: 'required-a still sees rsa-a', transcript },
    { ...base, requirement: 'CA-REPLACE-KEEPALIVE', device: 'reference-android', status: 'fail', unexpected: true, message: 'old identity' },
    { ...base, requirement: 'CA-TLS12', device: 'reference-android', status: 'pass', unexpected: false, message: '' },
  ];
  const results = withRerunLines(applyBlocked(raw, (id) => (id === 'CA-REPLACE-KEEPALIVE' ? ['CA-REPLACE'] : [])), ['--servers', 'nginx'], profileDevice);
  return buildRunReport({
    tool: { name: 'voltmx-conformance', version: '9.9.9' }, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z',
    devices: [{ name: 'reference-android', platform: 'android' }], backend: 'nginx', results, infrastructureErrors: [],
    provenance: {
      tool: { name: 'voltmx-conformance', version: '9.9.9' }, node: 'v20.0.0', os: 'Linux 6', backend: 'nginx', appium: 'local (started by the run)',
      devices: [{ name: 'reference-android', profile: 'reference-android', platform: 'android', implementation: '/x/my-runtime.js', capabilities: publicCapabilities({ platformName: 'Android', 'appium:password': 'hunter2' }) }],
      expectations: ['expectations/android.json'], filter: null,
    },
  });
}

test('a blocked result is not unexpected, names its root, and the run still exits 1 for the root', () => {
  const r = report();
  assert.equal(r.verdict.unexpected, 1);
  assert.equal(r.verdict.counts.blocked, 1);
  assert.equal(exitCodeOf(r), 1);
  const text = terminalSummary(r);
  assert.match(text, /Blocked \(a requirement they build on failed; fix that first\):\n {2}by CA-REPLACE on reference-android: CA-REPLACE-KEEPALIVE/);
  assert.match(text, /Rerun one:\n {2}npx voltmx-conformance run --device reference-android --requirement CA-REPLACE --servers nginx/);
  assert.doesNotMatch(text, /requirement CA-REPLACE-KEEPALIVE/, 'a blocked result gets no rerun line: rerun its root');
});

test('results.json: blockedBy, rerun, transcript and provenance (no secret)', () => {
  const json = JSON.parse(toResultsJson(report())) as { provenance: { devices: { implementation: string }[] }; results: Record<string, unknown>[] };
  const [replace, keepalive] = json.results;
  assert.equal(keepalive!.status, 'blocked');
  assert.deepEqual(keepalive!.blockedBy, ['CA-REPLACE']);
  assert.equal(replace!.rerun, 'npx voltmx-conformance run --device reference-android --requirement CA-REPLACE --servers nginx');
  assert.deepEqual(replace!.transcript, transcript);
  assert.equal(json.provenance.devices[0]!.implementation, '/x/my-runtime.js');
  assert.ok(!toResultsJson(report()).includes('hunter2'));
});

test('JUnit: blocked is skipped with the reason; provenance and rerun as properties', () => {
  const xml = toJunitXml(report());
  assert.match(xml, /<skipped message="blocked by CA-REPLACE: a requirement it builds on failed on this device"\/>/);
  assert.match(xml, /<property name="implementation" value="\/x\/my-runtime.js"\/>/);
  assert.match(xml, /<property name="node" value="v20.0.0"\/>/);
  assert.match(xml, /<property name="rerun" value="npx voltmx-conformance run --device reference-android --requirement CA-REPLACE --servers nginx"\/>/);
  assert.match(xml, /<testsuite name="reference-android" tests="3" failures="1" errors="0" skipped="1"/);
});

test('report.html: a "What was tested" header, blocked cells linking to the root, the transcript and the rerun line', () => {
  const html = toHtmlReport(report());
  assert.match(html, /<h2>What was tested<\/h2>/);
  assert.match(html, /\/x\/my-runtime.js/);
  assert.match(html, /<td class="cell blocked"><a href="#r-CA-REPLACE-KEEPALIVE-reference-android">blocked<\/a>/);
  assert.match(html, /Blocked by <a href="#r-CA-REPLACE-reference-android">CA-REPLACE<\/a>/);
  assert.match(html, /Handshake transcript \(server side\)/);
  assert.match(html, /rsa_pss_rsae_sha256/);
  assert.match(html, /npx voltmx-conformance run --device reference-android --requirement CA-REPLACE --servers nginx/);
  assert.ok(!html.includes('hunter2'));
});

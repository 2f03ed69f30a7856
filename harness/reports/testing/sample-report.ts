/** A run report with awkward content (markup, control characters, unicode) for report tests. */
import { aggregateOutcomes } from '../../results/aggregate.js';
import { expectationLookup, parseExpectations } from '../../results/expectations.js';
import type { TestOutcome } from '../../results/types.js';
import { buildRunReport, type RunReport } from '../run-report.js';

const observation = {
  server: 'required-a', verify: 'FAILED:certificate has expired', subject: 'CN=Expired <client> & "co",O=Volt MX Conformance',
  issuer: 'CN=Root A,O=Volt MX Conformance', serial: '0A1B', fingerprint: 'ab'.repeat(20), protocol: 'TLSv1.3', sessionReused: false, sni: 'localhost', connectionRequests: 1,
};

export function sampleReport(): RunReport {
  const outcomes: TestOutcome[] = [
    { requirement: 'CA-SEND-ONLY-WHEN-CHALLENGED', device: 'reference-android', title: '[CA-SEND-ONLY-WHEN-CHALLENGED] presents', status: 'pass', message: '', durationMs: 120 },
    { requirement: 'CA-SEND-ONLY-WHEN-CHALLENGED', device: 'reference-ios', title: '[CA-SEND-ONLY-WHEN-CHALLENGED] presents', status: 'pass', message: '', durationMs: 80 },
    {
      requirement: 'CA-SERVER-REJECTS-EXPIRED', device: 'reference-android', title: '[CA-SERVER-REJECTS-EXPIRED] <expired> & "rejected"',
      status: 'fail', message: 'expected 400, got 200 ]]> \u0001 ünïcode ✓\nstack line', durationMs: 300,
      observation, clientResult: { seq: 3, done: true, action: 'http-request', readyState: 4, status: 200, body: '{"a":"<b>"}' },
      serverLog: '127.0.0.1 - - "GET /observe HTTP/1.1" 200 <script>alert(1)</script>',
    },
    { requirement: 'CA-REMOVE', device: 'reference-android', title: '[CA-REMOVE] removes', status: 'unimplemented', message: 'removeClientCertificate is missing', durationMs: 10 },
    { requirement: 'CA-TLS13', device: 'reference-ios', title: '[CA-TLS13] tls13', status: 'error', message: 'ServerInfrastructureError: PROCESS_EXITED', durationMs: 50 },
    { requirement: 'CA-MULTI-IOS-FIRST', device: 'reference-ios', title: '[CA-MULTI-IOS-FIRST] first', status: 'pass', message: '', durationMs: 50 },
  ];
  const expectations = new Map([
    ['reference-android', parseExpectations({ device: 'reference-android', expectations: { 'CA-REMOVE': { status: 'unimplemented', reason: 'port lacks remove' } } }, 'sample')],
    ['reference-ios', parseExpectations({ device: 'reference-ios', expectations: { 'CA-MULTI-IOS-FIRST': { status: 'fail', reason: 'old bug' } } }, 'sample')],
  ]);
  return buildRunReport({
    tool: { name: 'voltmx-conformance', version: '0.1.0' },
    startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z',
    devices: [
      { name: 'reference-android', platform: 'android', app: { platform: 'android', runtimeVersion: 'runtime <9.2>', appVersion: 'app 1.0', dataDirectory: '/data/files', cacheDirectory: null } },
      { name: 'reference-ios', platform: 'ios' },
    ],
    backend: 'embedded',
    results: aggregateOutcomes(outcomes, expectationLookup(expectations)),
    infrastructureErrors: [],
  });
}

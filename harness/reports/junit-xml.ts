/**
 * JUnit XML: one testsuite per device, one testcase per requirement. Expected non-passes are
 * <skipped> so that CI dashboards stay green exactly when the run's exit code is 0.
 */
import { escapeXml as x } from './escape.js';
import { summarizeTranscripts } from './handshake-summary.js';
import type { RunReport } from './run-report.js';
import type { RequirementResult } from '../results/types.js';
import { levelOfResult as levelOf } from './result-level.js';

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function body(r: RequirementResult): string {
  const detail = [
    r.message,
    r.observation ? `observation: ${JSON.stringify(r.observation)}` : '',
    r.clientResult != null ? `client result: ${JSON.stringify(r.clientResult)}` : '',
    ...summarizeTranscripts(r.transcript).map((line) => `handshake: ${line}`),
    r.transcript != null ? `handshake transcript (server side): ${JSON.stringify(r.transcript)}` : '',
    r.serverLog ? `server log:\n${r.serverLog}` : '',
    r.rerun ? `rerun: ${r.rerun}` : '',
  ].filter(Boolean).join('\n');
  if (r.status === 'differs') return `<system-out>${x(`differs from the reference's decision (level decision; the sources leave it open): ${r.message}`)}</system-out>`;
  if (r.status === 'blocked') return `<skipped message="${x(`blocked by ${(r.blockedBy ?? []).join(', ')}: a requirement it builds on failed on this device`)}"/>`;
  if (r.status === 'error') return `<error message="${x(firstLine(r.message) || 'infrastructure error')}" type="infrastructure">${x(detail)}</error>`;
  if (r.unexpected) {
    const message = r.status === 'pass' ? `unexpected pass (expected ${r.expected})` : `${r.status} (expected ${r.expected}): ${firstLine(r.message)}`;
    return `<failure message="${x(message)}" type="${r.status === 'pass' ? 'unexpected-pass' : r.status}">${x(detail)}</failure>`;
  }
  if (r.status !== 'pass') return `<skipped message="${x(`expected ${r.status}: ${r.expectationReason ?? ''}`)}"/>`;
  return '';
}

const firstLine = (text: string): string => text.split('\n')[0];

/** Run-wide provenance as testsuite properties (tool, Node, backend, the device's implementation). */
function provenanceProperties(report: RunReport, device: string): string[] {
  const p = report.provenance;
  if (!p) return [];
  const d = p.devices.find((x) => x.name === device);
  const props: [string, string][] = [
    ['tool', `${p.tool.name} ${p.tool.version}`], ['node', p.node], ['backend', p.backend ?? ''], ['appium', p.appium ?? ''],
    ['expectations', p.expectations.join(', ')], ...(p.filter ? [['filter', p.filter] as [string, string]] : []),
    ...(d ? [['profile', d.profile], ['platform', d.platform ?? ''], ['implementation', d.implementation ?? '(the reference)'], ['capabilities', JSON.stringify(d.capabilities)]] as [string, string][] : []),
  ];
  return ['    <properties>', ...props.map(([k, v]) => `      <property name="${x(k)}" value="${x(v)}"/>`), '    </properties>'];
}

export function toJunitXml(report: RunReport): string {
  const devices = [...new Set([...report.devices.map((d) => d.name), ...report.results.map((r) => r.device)])];
  const suites = devices.map((device) => {
    const results = report.results.filter((r) => r.device === device);
    const failures = results.filter((r) => r.unexpected && r.status !== 'error').length;
    const errors = results.filter((r) => r.status === 'error').length;
    // A difference from a decision passes: CI stays green exactly when the exit code is 0.
    const skipped = results.filter((r) => !r.unexpected && r.status !== 'pass' && r.status !== 'differs').length;
    const time = results.reduce((sum, r) => sum + r.tests.reduce((s, t) => s + t.durationMs, 0), 0);
    const cases = results.map((r) => {
      const ms = r.tests.reduce((s, t) => s + t.durationMs, 0);
      return [
        `    <testcase name="${x(`[${r.requirement}] ${device}`)}" classname="${x(`voltmx-conformance.${device}`)}" time="${seconds(ms)}">`,
        '      <properties>',
        `        <property name="requirement" value="${x(r.requirement)}"/>`,
        `        <property name="device" value="${x(device)}"/>`,
        `        <property name="status" value="${r.status}"/>`,
        `        <property name="expected" value="${r.expected}"/>`,
        `        <property name="level" value="${levelOf(r)}"/>`,
        ...(r.blockedBy ? [`        <property name="blockedBy" value="${x(r.blockedBy.join(','))}"/>`] : []),
        ...(r.rerun ? [`        <property name="rerun" value="${x(r.rerun)}"/>`] : []),
        '      </properties>',
        ...(body(r) ? [`      ${body(r)}`] : []),
        '    </testcase>',
      ].join('\n');
    });
    return [
      `  <testsuite name="${x(device)}" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(time)}" timestamp="${x(report.startedAt)}">`,
      ...provenanceProperties(report, device),
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const all = report.results;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="voltmx-conformance" tests="${all.length}" failures="${all.filter((r) => r.unexpected && r.status !== 'error').length}" errors="${report.verdict.errors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

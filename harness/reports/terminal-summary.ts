/** The table printed at the end of a run: one row per device, then the unexpected results. */
import type { RunReport } from './run-report.js';
import type { ResultStatus } from '../results/types.js';
import { judgedHandshake } from './handshake-summary.js';
import { levelOfResult as levelOf } from './result-level.js';

/** A message on one line, short enough for a terminal. */
const oneLine = (text: string, max = 160): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const STATUSES: readonly ResultStatus[] = ['pass', 'fail', 'skip', 'unimplemented', 'blocked', 'differs', 'error'];

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export function terminalSummary(report: RunReport): string {
  const devices = [...new Set([...report.devices.map((d) => d.name), ...report.results.map((r) => r.device)])];
  const rows = [['device', ...STATUSES, 'unexpected']];
  for (const device of devices) {
    const results = report.results.filter((r) => r.device === device);
    rows.push([device, ...STATUSES.map((s) => String(results.filter((r) => r.status === s).length)), String(results.filter((r) => r.unexpected).length)]);
  }
  const lines = [table(rows)];
  const unexpected = report.results.filter((r) => r.unexpected);
  if (unexpected.length) {
    lines.push('', 'Unexpected:');
    for (const r of unexpected) {
      lines.push(`  ${r.requirement} [${levelOf(r)}] on ${r.device}: ${r.status} (expected ${r.expected})${r.message ? `: ${oneLine(r.message)}` : ''}`);
      const handshake = judgedHandshake(r.transcript, r.observation?.exchange);
      if (handshake) lines.push(`    handshake: ${oneLine(handshake, 240)}`);
    }
  }
  const blocked = report.results.filter((r) => r.status === 'blocked');
  if (blocked.length) {
    lines.push('', 'Blocked (a requirement they build on failed; fix that first):');
    const byRoot = new Map<string, string[]>();
    for (const r of blocked) {
      const key = `${(r.blockedBy ?? []).join(', ')} on ${r.device}`;
      byRoot.set(key, [...(byRoot.get(key) ?? []), r.requirement]);
    }
    for (const [root, ids] of byRoot) lines.push(`  by ${root}: ${ids.join(', ')}`);
  }
  const differs = report.results.filter((r) => r.status === 'differs');
  if (differs.length) {
    lines.push('', 'Differs from the reference\'s decisions (the sources leave these open: not failures; --strict makes them fail):');
    for (const r of differs) lines.push(`  ${r.requirement} on ${r.device}: ${oneLine(r.message.replace(/^differs from the reference's decision \([^)]*\): /, ''))}`);
  }
  const reruns = unexpected.filter((r) => r.rerun);
  if (reruns.length) {
    lines.push('', 'Rerun one:');
    for (const r of reruns) lines.push(`  ${r.rerun}`);
  }
  for (const e of report.infrastructureErrors) lines.push(`Infrastructure error: ${e}`);
  const v = report.verdict;
  lines.push('', `${v.total} results, ${v.unexpected} unexpected, ${v.errors + report.infrastructureErrors.length} infrastructure errors`);
  return lines.join('\n');
}

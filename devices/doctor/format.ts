/** Plain-text rendering of a DoctorReport for the terminal. */
import type { DoctorReport } from './types.js';

export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = ['voltmx-conformance doctor', ''];
  for (const check of report.checks) {
    lines.push(`${check.ok ? '[ok]     ' : '[missing]'} ${check.title}: ${check.detail}`);
  }
  lines.push('', 'Profiles:');
  for (const profile of report.profiles) {
    lines.push(`  ${profile.profile}: ${profile.ready ? 'ready' : 'NOT READY'}`);
    for (const gap of profile.gaps) {
      lines.push(`    - ${gap.title}: ${gap.detail}`);
      if (gap.fix) lines.push(`      fix: ${gap.fix}`);
    }
  }
  return lines.join('\n');
}

/** The terminal table: one line per figure, median [p25-p75], target and verdict. */
import type { BenchReport, Figure } from './report.js';

const number = (value: number, unit: Figure['unit']): string =>
  Number.isNaN(value) ? '-' : unit === 'ratio' ? value.toFixed(2) : unit === 'count' ? value.toFixed(0) : unit === 'MB' ? `${value.toFixed(1)} MB` : `${value.toFixed(1)} ms`;

export function formatTable(report: BenchReport): string {
  const lines: string[] = [];
  for (const section of report.sections) {
    const load = section.load ? ` (load average ${section.load.start.toFixed(2)} -> ${section.load.end.toFixed(2)} on ${report.environment.cpus} cores)` : '';
    lines.push('', `${section.title}${section.status === 'ok' ? load : `: not available: ${section.reason}`}`);
    for (const figure of section.figures) {
      const { median, p25, p75 } = figure.value;
      const value = `${number(median, figure.unit)} [${number(p25, figure.unit)}-${number(p75, figure.unit)}]`;
      const target = figure.target !== undefined ? `<= ${figure.target}` : '';
      const sides = figure.candidateMs && figure.baselineMs
        ? ` (${figure.candidateMs.median.toFixed(2)} vs ${figure.baselineMs.median.toFixed(2)} ms/op)` : '';
      lines.push(`  ${figure.verdict.padEnd(4)} ${figure.name.padEnd(72)} ${value.padEnd(24)} ${target.padEnd(8)}${sides}${figure.note ? `  ${figure.note}` : ''}`);
    }
  }
  const { pass, miss, notAvailable } = report.summary;
  lines.push('', `${pass} PASS, ${miss} MISS, ${notAvailable} section(s) not available${report.quick ? ' (--quick: few iterations)' : ''}`);
  return lines.join('\n');
}

/** `merge <dir>... --report-dir <out>`: one set of reports from several runs (e.g. shards). */
import { resolve } from 'node:path';
import { exitCodeOf } from '../../reports/run-report.js';
import { terminalSummary } from '../../reports/terminal-summary.js';
import { writeReports } from '../../reports/write-reports.js';
import { mergeResults, readResultsInput, ResultsFileError, type ResultsInput } from '../../results/merge-results.js';
import { UsageError } from '../errors.js';
import type { CliIo, Values } from '../io.js';

export async function mergeCommand(positionals: readonly string[], values: Values, io: CliIo): Promise<number> {
  if (positionals.length === 0) throw new UsageError('merge needs at least one report folder (or results.json)', 'merge');
  const out = resolve(String(values['report-dir'] ?? 'reports'));
  const inputs: ResultsInput[] = [];
  try {
    for (const path of positionals) inputs.push(await readResultsInput(path));
  } catch (error) {
    if (error instanceof ResultsFileError) throw new UsageError(error.message, 'merge');
    throw error;
  }
  if (inputs.some((i) => resolve(i.source) === resolve(out, 'results.json'))) {
    throw new UsageError('--report-dir must not be one of the merged folders (its results.json would be overwritten)', 'merge');
  }
  const report = mergeResults(inputs);
  const written = await writeReports(out, report);
  io.out(terminalSummary(report));
  io.out(`merged ${inputs.length} result file(s); reports: ${written.html}, ${written.junitXml}, ${written.resultsJson}`);
  return exitCodeOf(report);
}

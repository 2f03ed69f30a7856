export { buildRunReport, exitCodeOf, ExitCode, type RunReport, type ReportDevice } from './run-report.js';
export { writeReports, type WrittenReports } from './write-reports.js';
export { terminalSummary } from './terminal-summary.js';
export { toResultsJson } from './results-json.js';
export { toJunitXml } from './junit-xml.js';
export { toHtmlReport } from './html-report.js';

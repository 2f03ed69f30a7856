/** Writes results.json, junit.xml and report.html into the report folder. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtmlReport } from './html-report.js';
import { toJunitXml } from './junit-xml.js';
import { toResultsJson } from './results-json.js';
import type { RunReport } from './run-report.js';

export interface WrittenReports {
  readonly resultsJson: string;
  readonly junitXml: string;
  readonly html: string;
}

export async function writeReports(dir: string, report: RunReport): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const written = { resultsJson: join(dir, 'results.json'), junitXml: join(dir, 'junit.xml'), html: join(dir, 'report.html') };
  await Promise.all([
    writeFile(written.resultsJson, toResultsJson(report)),
    writeFile(written.junitXml, toJunitXml(report)),
    writeFile(written.html, toHtmlReport(report)),
  ]);
  return written;
}

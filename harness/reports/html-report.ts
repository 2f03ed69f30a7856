/**
 * report.html: self-contained (inline CSS, no scripts, no fonts, no network), so it opens from
 * a CI artifact as is. Rows are requirements, columns devices; every non-pass or unexpected
 * cell links to a <details> block with the evidence.
 */
import { REQUIREMENTS } from '../requirements/catalog.js';
import type { Requirement } from '../requirements/types.js';
import { sourceSummary } from '../requirements/render-markdown.js';
import { levelOfResult as levelOf } from './result-level.js';
import type { RequirementResult } from '../results/types.js';
import { escapeHtml as h } from './escape.js';
import type { ReportDevice, RunReport } from './run-report.js';
import { summarizeTranscripts } from './handshake-summary.js';

const CSS = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#57606a;margin-bottom:16px}
.verdict{display:inline-block;padding:6px 12px;border-radius:6px;font-weight:600;margin:8px 0}
.verdict.ok{background:#dafbe1;color:#116329}.verdict.bad{background:#ffebe9;color:#a40e26}.verdict.infra{background:#fff8c5;color:#7d4e00}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.req{font-family:ui-monospace,monospace;white-space:nowrap}
td.cell{text-align:center;font-weight:600;white-space:nowrap}
.pass{background:#dafbe1;color:#116329}.fail{background:#ffebe9;color:#a40e26}.skip,.na,.notrun{background:#f6f8fa;color:#57606a}
.unimplemented{background:#fbefff;color:#6639ba}.differs{background:#ddf4ff;color:#0550ae}.blocked{background:#eaeef2;color:#424a53}.error{background:#fff8c5;color:#7d4e00}
.unexpected{outline:3px solid #cf222e;outline-offset:-3px}
.expected{font-weight:400;font-size:12px;display:block}
details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:6px 10px}
summary{cursor:pointer;font-weight:600}
pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:320px;font:12px/1.4 ui-monospace,monospace;white-space:pre-wrap}
a{color:#0969da}
`;

const anchor = (r: { requirement: string; device: string }): string => `r-${r.requirement}-${r.device}`.replace(/[^A-Za-z0-9_-]/g, '_');

function applies(req: Requirement, device: ReportDevice): boolean {
  return device.platform === null || req.platforms.includes(device.platform);
}

function cell(req: Requirement, device: ReportDevice, result: RequirementResult | undefined): string {
  if (!result) {
    return applies(req, device) ? '<td class="cell notrun" title="not run">–</td>' : '<td class="cell na" title="not applicable">n/a</td>';
  }
  const classes = ['cell', result.status, result.unexpected ? 'unexpected' : ''].filter(Boolean).join(' ');
  const label = result.status === 'pass' && !result.unexpected ? 'pass' : `<a href="#${anchor(result)}">${result.status}</a>`;
  const expected = result.expected !== 'pass' || result.unexpected ? `<span class="expected">expected ${result.expected}</span>` : '';
  return `<td class="${classes}">${label}${expected}</td>`;
}

const pretty = (value: unknown): string => h(typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** Each handshake in a sentence, oldest first (the full transcripts follow). */
function handshakes(transcript: unknown): string {
  const lines = summarizeTranscripts(transcript);
  return lines.length ? `<ol class="handshakes">${lines.map((l) => `<li>${h(l)}</li>`).join('')}</ol>` : '';
}

function evidence(r: RequirementResult): string {
  const tests = r.tests.map((t) => `<li>${h(t.title)}: <b>${t.status}</b>${t.message ? ` (${h(t.message.split('\n')[0])})` : ''}</li>`).join('');
  return `<details id="${anchor(r)}"${r.unexpected ? ' open' : ''}>
<summary>${h(r.requirement)} on ${h(r.device)}: ${r.status}${r.unexpected ? ` (expected ${r.expected})` : ' (expected)'}</summary>
${r.blockedBy?.length ? `<p>Blocked by ${r.blockedBy.map((id) => `<a href="#${anchor({ requirement: id, device: r.device })}">${h(id)}</a>`).join(', ')}: a requirement it builds on failed on this device.</p>` : ''}
${r.expectationReason ? `<p>Expectation: ${h(r.expectationReason)}</p>` : ''}
${r.rerun ? `<p>Rerun just this:</p><pre>${h(r.rerun)}</pre>` : ''}
<p>Level: ${h(levelOf(r))}${r.status === 'differs' ? ' (the sources leave this open; the runtime chose otherwise than the reference: not a failure)' : ''}</p>
<p>Message:</p><pre>${h(r.message || '(none)')}</pre>
<ul>${tests}</ul>
<p>Server observation:</p><pre>${r.observation ? pretty(r.observation) : '(none)'}</pre>
<p>Client result:</p><pre>${r.clientResult != null ? pretty(r.clientResult) : '(none)'}</pre>
${r.transcript != null ? `<p>Handshake transcript (server side):</p>${handshakes(r.transcript)}<pre>${pretty(r.transcript)}</pre>` : ''}
<p>Server log excerpt:</p><pre>${r.serverLog ? h(r.serverLog) : '(none)'}</pre>
</details>`;
}

/** The run's differences from the reference's decisions, listed on their own. */
function differences(report: RunReport): string {
  const differs = report.results.filter((r) => r.status === 'differs');
  if (!differs.length) return '';
  const items = differs.map((r) => `<li><a href="#${anchor(r)}">${h(r.requirement)}</a> on ${h(r.device)}</li>`).join('');
  return `<h2>Differs from the reference's decisions (${differs.length})</h2><p>Points the sources leave open, where this runtime chose otherwise than the reference. Not failures.</p><ul>${items}</ul>`;
}

/** The header that says what was tested: devices, profiles, implementation or app, capabilities. */
function provenanceBlock(report: RunReport): string {
  const p = report.provenance;
  if (!p) return '';
  const rows = p.devices.map((d) => `<tr><td>${h(d.name)}</td><td>${h(d.profile)}</td><td>${h(d.platform ?? '')}</td><td>${h(d.implementation ?? '(the reference)')}</td><td><pre>${pretty(d.capabilities)}</pre></td></tr>`).join('');
  return `<h2>What was tested</h2>
<div class="meta">Node ${h(p.node)} · ${h(p.os)} · servers: ${h(p.backend ?? '')} · Appium: ${h(p.appium ?? '')}${p.filter ? ` · filter: ${h(p.filter)}` : ''} · expectations: ${h(p.expectations.join(', ') || '(none)')}</div>
<table><thead><tr><th>device</th><th>profile</th><th>platform</th><th>implementation / app</th><th>capabilities</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function toHtmlReport(report: RunReport, requirements: readonly Requirement[] = REQUIREMENTS): string {
  const byKey = new Map(report.results.map((r) => [`${r.requirement}\u0000${r.device}`, r]));
  const { verdict } = report;
  const state = verdict.errors > 0 || report.infrastructureErrors.length > 0 ? 'infra' : verdict.unexpected > 0 ? 'bad' : 'ok';
  const headline = state === 'ok' ? 'Conforms to expectations' : state === 'bad' ? `${verdict.unexpected} unexpected result(s)` : 'Infrastructure errors';
  const rows = requirements.map((req) => {
    const cells = report.devices.map((d) => cell(req, d, byKey.get(`${req.id}\u0000${d.name}`))).join('');
    return `<tr><td class="req" title="${h(req.summary)}">${h(req.id)}</td><td>${h(sourceSummary(req))}</td>${cells}<td>${h(req.summary)}</td></tr>`;
  });
  const details = report.results.filter((r) => r.status !== 'pass' || r.unexpected).map(evidence);
  const counts = Object.entries(verdict.counts).map(([k, v]) => `${k} ${v}`).join(' · ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>voltmx-conformance report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head>
<body>
<h1>voltmx-conformance report</h1>
<div class="meta">${h(report.tool.name)} ${h(report.tool.version)} · ${h(report.startedAt)} → ${h(report.finishedAt)}${report.backend ? ` · servers: ${h(report.backend)}` : ''}</div>
<div class="verdict ${state}">${h(headline)}</div>
<div class="meta">${h(counts)} · ${verdict.unexpected} unexpected</div>
${provenanceBlock(report)}
${report.infrastructureErrors.length ? `<h2>Infrastructure errors</h2><pre>${h(report.infrastructureErrors.join('\n'))}</pre>` : ''}
<h2>Requirements × devices</h2>
<p class="meta">Level: documented (Volt MX documentation), platform (the platform's own stack: Conscrypt, Apple, nginx), practice (what today's servers need), decision (the reference's choice where the sources are open: a runtime that chooses otherwise <b>differs</b>, which is no failure unless the run is strict).</p>
${differences(report)}
<table><thead><tr><th>requirement</th><th>level (source)</th>${report.devices.map((d) => `<th>${h(d.name)}${d.app ? `<br><small>${h([d.app.runtimeVersion, d.app.appVersion].filter(Boolean).join(', '))}</small>` : ''}</th>`).join('')}<th>summary</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
<h2>Details</h2>
${details.length ? details.join('\n') : '<p>Every result passed.</p>'}
</body></html>
`;
}

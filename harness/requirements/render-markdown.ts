/** Renders the requirement catalog as docs/requirements.md. Pure and deterministic. */
import type { Requirement, RequirementSource } from './types.js';

const AREA_TITLES: Record<Requirement['area'], string> = {
  presentation: 'When the certificate is presented',
  loading: 'Loading',
  errors: 'Documented exceptions',
  replacement: 'Replacement and removal',
  'identity-selection': 'Choosing among several identities',
  'server-judgement': 'What the servers judge',
  'http-request': 'voltmx.net.HttpRequest',
  'service-invoker': 'voltmx.net.invokeServiceAsync',
};

function sourceLine(source: RequirementSource): string {
  const where = source.kind === 'seed' ? 'API page' : `platform-facts §${source.section}`;
  return `  - ${where}: "${source.text.replace(/\|/g, '\\|')}"`;
}

function renderOne(r: Requirement): string[] {
  const lines = [
    `### ${r.id}`,
    '',
    r.summary,
    '',
    `- Platforms: ${r.platforms.join(', ')}`,
    `- Judged: ${r.subject === 'client' ? 'the client under test' : 'the servers (the judges themselves)'}`,
    `- Checked by: ${r.checkedBy.map((f) => `\`${f}\``).join(', ')}`,
    ...(r.buildsOn?.length ? [`- Builds on: ${r.buildsOn.map((id) => `[${id}](#${id.toLowerCase()})`).join(', ')} (a failure there reports this one as blocked)`] : []),
    '- Sources:',
    ...r.sources.map(sourceLine),
  ];
  if (r.open) {
    lines.push(`- Open in the sources: ${r.open.question}`, `- Reference decision: ${r.open.decision}`);
  }
  lines.push('');
  return lines;
}

export function renderRequirementsMarkdown(requirements: readonly Requirement[]): string {
  const out = [
    '# Requirements',
    '',
    '<!-- Generated from harness/requirements/catalog.ts by',
    '     `node --import tsx harness/requirements/generate.ts`. Do not edit by hand. -->',
    '',
    'Every behaviour of the Volt MX "Client Authentication API" page and of',
    '`platform-facts.md` sections 1-4, with a stable ID. Test titles carry the ID',
    '(`[CA-REPLACE] ...`); expectation files and reports refer to it.',
    '',
    '| ID | platforms | open | summary |',
    '| --- | --- | --- | --- |',
    ...requirements.map(
      (r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.platforms.join(', ')} | ${r.open ? 'decided' : ''} | ${r.summary.replace(/\|/g, '\\|')} |`,
    ),
    '',
  ];
  const areas = [...new Set(requirements.map((r) => r.area))];
  for (const area of areas) {
    out.push(`## ${AREA_TITLES[area]}`, '');
    for (const r of requirements.filter((x) => x.area === area)) out.push(...renderOne(r));
  }
  return out.join('\n');
}

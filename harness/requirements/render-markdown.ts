/** Renders the requirement catalog as docs/requirements.md. Pure and deterministic. */
import type { Requirement, RequirementLevel, RequirementSource } from './types.js';

/** What each level means for a runtime that fails the requirement. */
export const LEVEL_TITLES: Record<RequirementLevel, string> = {
  documented: 'documented: the Volt MX documentation says so',
  platform: 'platform: the platform\'s own stack does so (Conscrypt, Apple, nginx), cited',
  practice: 'practice: today\'s servers need it, although the documentation is silent',
  decision: 'decision: the reference\'s choice where the sources are open; a runtime that differs is reported `differs`, not failed (unless `--strict`)',
};

/** The source of a requirement in a few words: its level and where its text comes from. */
export function sourceSummary(r: Requirement): string {
  const where = [...new Set(r.sources.map((s) => (s.kind === 'seed' ? 'API page' : `platform-facts §${s.section.split('.')[0]}`)))];
  return `${r.level} (${where.join(', ')})`;
}

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
    `- Level: ${LEVEL_TITLES[r.level]}`,
    ...(r.practice ? [`- Why servers need it: ${r.practice}`] : []),
    ...(r.precondition ? [`- Precondition: ${r.precondition}`] : []),
    `- Platforms: ${r.platforms.join(', ')}${r.platformVersion ? ` (${Object.entries(r.platformVersion).map(([p, v]) => `${p} ${v}`).join(', ')}; elsewhere it does not apply)` : ''}`,
    `- Judged: ${r.subject === 'client' ? 'the client under test' : 'the servers (the judges themselves)'}`,
    `- Checked by: ${r.checkedBy.map((f) => `\`${f}\``).join(', ')}`,
    ...(r.buildsOn?.length ? [`- Builds on: ${r.buildsOn.map((id) => `[${id}](#${id.toLowerCase()})`).join(', ')} (a failure there reports this one as blocked)`] : []),
    '- Sources:',
    ...r.sources.map(sourceLine),
  ];
  if (r.open) {
    lines.push(`- Open in the sources: ${r.open.question}`, `- Reference decision: ${r.open.decision}${r.level === 'decision' ? '' : ' (a detail; the requirement itself is not a decision)'}`);
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
    'Each requirement has a level, which says where it comes from:',
    '',
    ...(Object.values(LEVEL_TITLES).map((t) => `- ${t}`)),
    '',
    '| ID | level | source | platforms | summary |',
    '| --- | --- | --- | --- | --- |',
    ...requirements.map(
      (r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.level} | ${sourceSummary(r).replace(/^\S+ \((.*)\)$/, '$1')} | ${r.platforms.join(', ')} | ${r.summary.replace(/\|/g, '\\|')} |`,
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

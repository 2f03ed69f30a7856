import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS, UnknownRequirementError, requirement, requirementIdsInTitle } from './catalog.js';
import { requirementsDocIsCurrent } from './generate.js';
import { REQUIREMENT_LEVELS } from './types.js';
import { conditionProblem } from '../results/conditions.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The quoted API page and the platform facts the catalog cites, in the repository. */
const FACTS = join(root, 'docs', 'platform-facts.md');

/** Markdown markup and whitespace aside: quote marks go, links keep their text, \[ escapes and ** go. */
function normalize(text: string): string {
  return text
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\([[\]])/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The quoted page is the section before "## 1."; the facts are every numbered section. */
async function readSources(): Promise<{ seed: string; facts: string; headings: string[] }> {
  const text = await readFile(FACTS, 'utf8');
  const firstFact = text.indexOf('\n## 1. ');
  assert.ok(firstFact > 0, 'docs/platform-facts.md has a "## 1." section');
  return {
    seed: normalize(text.slice(text.indexOf('\n## The API page'), firstFact)),
    facts: normalize(text.slice(firstFact)),
    headings: [...text.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1].trim()),
  };
}

test('IDs are unique, stable-looking, and every entry is complete', () => {
  const ids = REQUIREMENTS.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate requirement IDs');
  for (const r of REQUIREMENTS) {
    assert.match(r.id, /^CA-[A-Z0-9]+(-[A-Z0-9]+)*$/, r.id);
    assert.ok(r.summary.length > 10, `${r.id}: summary`);
    assert.ok(r.platforms.length > 0, `${r.id}: platforms`);
    assert.ok(r.sources.length > 0, `${r.id}: sources`);
    assert.ok(r.checkedBy.length > 0, `${r.id}: checkedBy`);
    for (const file of r.checkedBy) assert.match(file, /^(specs\/[a-z0-9-]+\.spec\.ts|servers\/)$/, `${r.id}: ${file}`);
  }
});

test('the catalog covers the brief\'s named behaviours', () => {
  for (const id of ['CA-SEND-ONLY-WHEN-CHALLENGED', 'CA-LOAD-RAWBYTES', 'CA-LOAD-BASE64', 'CA-REMOVE', 'CA-MULTI-IOS-FIRST', 'CA-ERRCODE-1200']) {
    assert.equal(requirement(id).id, id);
  }
  assert.deepEqual(requirement('CA-REMOVE').platforms, ['android']);
  assert.throws(() => requirement('CA-NOPE'), UnknownRequirementError);
});

test('every quoted source sentence appears in docs/platform-facts.md, under a section that exists', async () => {
  const sources = await readSources();
  for (const r of REQUIREMENTS) {
    for (const s of r.sources) {
      const haystack = s.kind === 'seed' ? sources.seed : sources.facts;
      assert.ok(haystack.includes(normalize(s.text)), `${r.id}: not found in ${s.kind === 'seed' ? 'the quoted API page' : 'the platform facts'}: "${s.text}"`);
      if (s.kind === 'platform-facts') assert.ok(sources.headings.includes(s.section), `${r.id}: no section "${s.section}" in docs/platform-facts.md`);
    }
  }
});

test('the platform facts name a source link for every section the catalog cites', async () => {
  const text = await readFile(FACTS, 'utf8');
  const sections = new Set(REQUIREMENTS.flatMap((r) => r.sources).flatMap((s) => (s.kind === 'platform-facts' ? [s.section] : [])));
  for (const section of sections) {
    // Subsections (### 1. ...) inherit the links of their ## section.
    const top = `## ${section.split('. ')[0]}. `;
    const start = text.indexOf(`\n${top}`);
    const end = text.indexOf('\n## ', start + 1);
    assert.match(text.slice(start, end < 0 ? undefined : end), /https:\/\//, `section ${section} has a source link`);
  }
});

test('requirementIdsInTitle reads one or several bracketed IDs', () => {
  assert.deepEqual(requirementIdsInTitle('[CA-REPLACE] replaces'), ['CA-REPLACE']);
  assert.deepEqual(requirementIdsInTitle('[CA-TLS12][CA-TLS13] both'), ['CA-TLS12', 'CA-TLS13']);
  assert.deepEqual(requirementIdsInTitle('no id [ca-lower]'), []);
});

test('spec titles use known IDs and each spec is listed under the IDs it checks', async () => {
  const specDir = join(root, 'specs');
  const files = (await readdir(specDir).catch(() => [] as string[])).filter((f) => f.endsWith('.spec.ts'));
  for (const file of files) {
    const text = await readFile(join(specDir, file), 'utf8');
    for (const id of new Set(requirementIdsInTitle(text))) {
      assert.ok(requirement(id).checkedBy.includes(`specs/${file}`), `${id} does not list specs/${file} in checkedBy`);
    }
  }
});

test('docs/requirements.md is generated from the current catalog', async () => {
  assert.ok(await requirementsDocIsCurrent(), 'run: node --import tsx harness/requirements/generate.ts');
});

test('buildsOn names catalog requirements of the same subject, never itself, without cycles', () => {
  const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));
  for (const r of REQUIREMENTS) {
    for (const pre of r.buildsOn ?? []) {
      assert.ok(byId.has(pre), `${r.id} builds on unknown ${pre}`);
      assert.notEqual(pre, r.id);
      assert.equal(byId.get(pre)!.subject, r.subject, `${r.id} -> ${pre}`);
    }
  }
  const visit = (id: string, path: string[]): void => {
    assert.ok(!path.includes(id), `cycle: ${[...path, id].join(' -> ')}`);
    for (const pre of byId.get(id)!.buildsOn ?? []) visit(pre, [...path, id]);
  };
  for (const r of REQUIREMENTS) visit(r.id, []);
});

test('every requirement says where it comes from: its level, and what that level needs', () => {
  for (const r of REQUIREMENTS) {
    assert.ok(REQUIREMENT_LEVELS.includes(r.level), `${r.id}: level ${String(r.level)}`);
    if (r.level === 'decision') assert.ok(r.open?.question && r.open.decision, `${r.id}: a decision states the open question and the decision`);
    if (r.level === 'practice') assert.ok((r.practice ?? '').length > 20, `${r.id}: practice says why servers need it`);
    if (r.level === 'platform') {
      // Conscrypt (§2), Apple (§3), nginx (§4): the platform's own stack, cited.
      assert.ok(r.sources.some((s) => s.kind === 'platform-facts' && /^[234]\./.test(s.section)), `${r.id}: a platform requirement cites §2, §3 or §4`);
    }
    if (r.level === 'documented') assert.ok(r.sources.some((s) => s.kind === 'seed' || s.section.startsWith('1.')), `${r.id}: a documented requirement cites the API page or §1`);
    for (const [platform, range] of Object.entries(r.platformVersion ?? {})) {
      assert.ok(r.platforms.includes(platform as 'android' | 'ios'), `${r.id}: platformVersion for ${platform}`);
      assert.equal(conditionProblem({ platformVersion: range }), null, `${r.id}: ${range}`);
    }
  }
});

test('a requirement at level decision is never a prerequisite of one that is not: a runtime differing there must not fail elsewhere', () => {
  const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));
  for (const r of REQUIREMENTS.filter((x) => x.level !== 'decision')) {
    for (const pre of r.buildsOn ?? []) assert.notEqual(byId.get(pre)!.level, 'decision', `${r.id} builds on the decision ${pre}`);
  }
});

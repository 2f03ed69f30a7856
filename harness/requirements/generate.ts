/**
 * Writes docs/requirements.md from the catalog; with --check, exits 1 when the committed
 * file is out of date instead. Usage: node --import tsx harness/requirements/generate.ts [--check]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS } from './catalog.js';
import { renderRequirementsMarkdown } from './render-markdown.js';

export const REQUIREMENTS_DOC = fileURLToPath(new URL('../../docs/requirements.md', import.meta.url));

export async function requirementsDocIsCurrent(path = REQUIREMENTS_DOC): Promise<boolean> {
  const committed = await readFile(path, 'utf8').catch(() => null);
  return committed === renderRequirementsMarkdown(REQUIREMENTS);
}

export async function writeRequirementsDoc(path = REQUIREMENTS_DOC): Promise<void> {
  await writeFile(path, renderRequirementsMarkdown(REQUIREMENTS));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const current = await requirementsDocIsCurrent();
    if (!current) console.error('docs/requirements.md is out of date: run node --import tsx harness/requirements/generate.ts');
    process.exit(current ? 0 : 1);
  }
  await writeRequirementsDoc();
  console.log(`wrote ${REQUIREMENTS_DOC}`);
}

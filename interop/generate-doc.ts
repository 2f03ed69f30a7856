/** Writes docs/interop.md from a fresh corpus run: node --import tsx interop/generate-doc.ts [--out path] */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InteropCorpus } from './corpus.js';
import { renderInteropMarkdown } from './render-markdown.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]!) : resolve(root, 'docs', 'interop.md');

const corpus = await InteropCorpus.create();
try {
  const reports = await corpus.runAll();
  await writeFile(out, renderInteropMarkdown(reports, new Date()));
  for (const r of reports) {
    const failed = r.results.filter((x) => !(x.decode.ok && x.identitiesMatch && x.runtimeLoad.ok && x.authentications.every((a) => a.ok)));
    console.log(`${r.name}: ${r.skipped ? `skipped (${r.skipped})` : `${r.results.length - failed.length}/${r.results.length} files fully work`}`);
  }
  console.log(`written: ${out}`);
} finally {
  await corpus.dispose();
}

/** `requirements`: the catalog as a table, JSON or the generated markdown. */
import { REQUIREMENTS } from '../../requirements/catalog.js';
import { renderRequirementsMarkdown } from '../../requirements/render-markdown.js';
import type { CliIo, Values } from '../io.js';

export function requirementsCommand(values: Values, io: CliIo): number {
  if (values.json) {
    io.out(JSON.stringify(REQUIREMENTS, null, 2));
    return 0;
  }
  if (values.markdown) {
    io.out(renderRequirementsMarkdown(REQUIREMENTS));
    return 0;
  }
  const width = Math.max(...REQUIREMENTS.map((r) => r.id.length));
  for (const r of REQUIREMENTS) {
    io.out(`${r.id.padEnd(width)}  ${r.platforms.join('+').padEnd(11)}  ${r.level.padEnd(10)}  ${r.summary}`);
  }
  io.out(`\n${REQUIREMENTS.length} requirements. Levels: documented (Volt MX docs), platform (Conscrypt, Apple, nginx), practice (what servers need), decision (the reference's choice where the sources are open: a runtime that differs is reported "differs", a failure only with --strict). See docs/requirements.md.`);
  return 0;
}

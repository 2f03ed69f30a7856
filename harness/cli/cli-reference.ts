/**
 * docs/cli.md, rendered from the same help texts `--help` prints, so the two cannot drift.
 * Usage: node --import tsx harness/cli/cli-reference.ts [--check]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { COMMANDS, commandHelp, globalHelp } from './commands.js';

export const CLI_REFERENCE_DOC = fileURLToPath(new URL('../../docs/cli.md', import.meta.url));

export function renderCliReference(): string {
  const block = (text: string) => ['```text', text.trimEnd(), '```', ''];
  return [
    '# The voltmx-conformance CLI',
    '',
    '<!-- Generated from harness/cli/commands.ts by harness/cli/cli-reference.ts: edit the help texts there. -->',
    '',
    'Every section below is exactly what `voltmx-conformance <command> --help` prints.',
    '',
    ...block(globalHelp()),
    ...COMMANDS.flatMap((command) => [`## ${command.name}`, '', ...block(commandHelp(command))]),
  ].join('\n');
}

export async function cliReferenceIsCurrent(path = CLI_REFERENCE_DOC): Promise<boolean> {
  return (await readFile(path, 'utf8').catch(() => null)) === renderCliReference();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const current = await cliReferenceIsCurrent();
    if (!current) console.error('docs/cli.md is out of date: run node --import tsx harness/cli/cli-reference.ts');
    process.exit(current ? 0 : 1);
  }
  await writeFile(CLI_REFERENCE_DOC, renderCliReference());
  console.log(`wrote ${CLI_REFERENCE_DOC}`);
}

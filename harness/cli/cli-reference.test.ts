import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMANDS, commandHelp } from './commands.js';
import { cliReferenceIsCurrent, renderCliReference } from './cli-reference.js';

test('docs/cli.md is what --help prints, for every command', async () => {
  assert.ok(await cliReferenceIsCurrent(), 'docs/cli.md is stale: run node --import tsx harness/cli/cli-reference.ts');
  const page = renderCliReference();
  for (const command of COMMANDS) assert.ok(page.includes(commandHelp(command).trimEnd()), `${command.name} missing`);
});

#!/usr/bin/env node
// Plain-JS entry point: registers tsx so the TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
const { exitAfterCleanup } = await import('../support/index.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly (libraries loaded by a run may reset process.exitCode or keep handles open),
// through the one cleanup path: whatever is still registered is stopped first, and a signal's
// shutdown under way decides the code (130 / 143).
await exitAfterCleanup(code);

#!/usr/bin/env node
// Plain-JS entry point: registers tsx so the TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly: libraries loaded by a run may reset process.exitCode or keep handles open.
process.exit(code);

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { descendantsOf, ProcessTreeSampler, treeSamplingAvailable } from './process-tree-memory.js';

// A parent that holds ~64 MB and starts a child holding ~64 MB more, both alive until stdin closes.
const HOLDER = `const b = Buffer.alloc(64 * 1024 * 1024, 1); process.stdin.resume(); process.stdin.on('end', () => process.exit(0)); process.stdout.write('up\\n');`;
const PARENT = `
const { spawn } = require('node:child_process');
const b = Buffer.alloc(64 * 1024 * 1024, 1);
const child = spawn(process.execPath, ['-e', ${JSON.stringify(HOLDER)}], { stdio: ['pipe', 'pipe', 'inherit'] });
child.stdout.once('data', () => process.stdout.write('ready\\n'));
process.stdin.resume();
process.stdin.on('end', () => { child.stdin.end(); child.once('exit', () => process.exit(0)); });
`;

test('the sampler sums the memory of a process and its descendants', { skip: !treeSamplingAvailable() && 'no /proc', timeout: 60_000 }, async () => {
  const parent = spawn(process.execPath, ['-e', PARENT], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await once(parent.stdout, 'data');
    const tree = await descendantsOf(parent.pid!);
    assert.equal(tree.length, 2, `parent and child: ${tree.join(',')}`);
    const sampler = new ProcessTreeSampler(parent.pid!, 50).start();
    await sampler.sampled(2); // at least two samples, however slow a loaded machine walks /proc
    const peak = await sampler.stop();
    assert.equal(peak.processes, 2);
    assert.ok(peak.samples >= 2, `samples: ${peak.samples}`);
    // Each holds 64 MB of touched memory: the sum must count both, not the largest one.
    assert.ok(peak.rssKb > 128 * 1024, `rss ${peak.rssKb} kB`);
    if (peak.pssKb !== null) assert.ok(peak.pssKb > 128 * 1024 && peak.pssKb <= peak.rssKb, `pss ${peak.pssKb} kB`);
  } finally {
    parent.stdin.end();
    if (parent.exitCode === null) await once(parent, 'exit');
  }
});

// The hostile inputs of issue 12, each built at test time in its own child process: refused
// with its stable code, by decodePkcs12 and by the runtime's loadClientCertificate alike, and
// the child's peak memory stays under a generous bound. Time is the bench's job (section 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HOSTILE_CASES } from './testing/hostile-inputs.js';
import type { HostileRun } from './testing/hostile-run.js';

const exec = promisify(execFile);
const runner = fileURLToPath(new URL('./testing/hostile-run.ts', import.meta.url));
/** Far above what any case needs (the largest input is 50 MB), far below the 1 GB. */
const PEAK_RSS_BOUND_MB = 768;

for (const hostile of HOSTILE_CASES) {
  test(`${hostile.id} (${hostile.description}): ${hostile.code}, peak RSS under ${PEAK_RSS_BOUND_MB} MB`, { timeout: 120_000 }, async () => {
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', runner, hostile.id, 'reference'], { timeout: 110_000, maxBuffer: 1 << 20 });
    const run = JSON.parse(stdout.trim().split('\n').pop()!) as HostileRun;
    assert.equal(run.code, hostile.code, `decodePkcs12 answered ${run.code}`);
    assert.deepEqual(run.runtime, { loaded: false, code: hostile.code }, 'loadClientCertificate refuses it with the same code');
    assert.ok(run.peakRssMb < PEAK_RSS_BOUND_MB, `peak RSS ${run.peakRssMb.toFixed(0)} MB`);
  });
}

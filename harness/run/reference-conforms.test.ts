/**
 * The main job as a test: the whole suite on both reference devices (embedded servers) has no
 * unexpected result and no infrastructure error. The reference is the executable definition
 * of the semantics, so a spec and the reference that disagree fail here, whichever is wrong.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { referenceAndroid, referenceIos } from '../../devices/profiles/index.js';
import { DEFAULT_EXPECTATIONS_DIR } from '../cli/commands/run-command.js';
import { loadExpectations } from '../results/expectations.js';
import { runConformance } from './run-conformance.js';
import { specFiles } from './spec-files.js';

test('the reference passes the whole suite on reference-android and reference-ios', { timeout: 600_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'voltmx-reference-conforms-'));
  const lines: string[] = [];
  try {
    const outcome = await runConformance({
      profiles: [referenceAndroid(), referenceIos()],
      backend: 'embedded',
      specs: specFiles(),
      expectations: await loadExpectations([DEFAULT_EXPECTATIONS_DIR]),
      reportDir: join(dir, 'reports'),
      keepPki: false,
      tool: { name: 'voltmx-conformance', version: 'test' },
      log: (line) => lines.push(line),
    });
    const { report } = outcome;
    assert.deepEqual(report.infrastructureErrors, [], lines.join('\n'));
    const unexpected = report.results.filter((r) => r.unexpected).map((r) => `${r.device} ${r.requirement} ${r.status}: ${r.message}`);
    assert.deepEqual(unexpected, [], 'every result as expected');
    for (const device of ['reference-android', 'reference-ios']) {
      const passed = report.results.filter((r) => r.device === device && r.status === 'pass').length;
      assert.ok(passed >= 40, `${device}: ${passed} requirements passed`);
    }
    assert.equal(outcome.exitCode, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// Tests wait on events, never on the clock (DEVELOPERS.md): this keeps fixed sleeps out of every
// *.test.ts file and every testing/ helper.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixedSleeps } from './fixed-sleeps.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Files allowed a timed wait, each with why. Aim for none; add one only where no event exists.
 * - support/testing/wait-for.ts: the one bounded poll, for conditions no event announces
 *   (another process's state in /proc, a file another process writes, a fleet's health check).
 */
const ALLOWED = ['support/testing/wait-for.ts'];

test('no test and no test helper sleeps: each waits on the event its sleep stood for', () => {
  assert.deepEqual(fixedSleeps(ROOT, ALLOWED).map((s) => `${s.file}:${s.line}: ${s.text}`), []);
});

test('every form of a fixed sleep is found, in tests and testing/ helpers; guards and other files are not', async () => {
  const root = await mkdtemp(join(tmpdir(), 'voltmx-sleeps-'));
  try {
    await mkdir(join(root, 'servers', 'fleet', 'testing'), { recursive: true });
    // Built from parts so this file's own check does not read them as its sleeps.
    const timer = 'setTime' + 'out';
    const sleeps = [
      `await new Promise((r) => ${timer}(r, 50));`,
      `await new Promise<void>((resolve) => ${timer}(resolve, 60));`,
      `await new Promise((done) => ${timer}(() => done(), 20));`,
      `import { ${timer} as delay } from 'node:timers/${'promises'}';`,
      `await ${'delay'}(300);`,
      `await ${'sleep'}(ms);`,
    ];
    const guards = [
      `const guard = ${timer}(() => reject(new Error('no exit within 45 s')), 45_000);`,
      `const kill = ${timer}(() => child.kill('SIGKILL'), 15_000);`,
      'await once(server, \'request\');',
    ];
    await writeFile(join(root, 'servers', 'fleet', 'a.test.ts'), [...sleeps, ...guards].join('\n'));
    await writeFile(join(root, 'servers', 'fleet', 'testing', 'helper.ts'), sleeps[0]!);
    await writeFile(join(root, 'servers', 'fleet', 'production.ts'), sleeps[0]!);
    await writeFile(join(root, 'servers', 'fleet', 'testing', 'allowed.ts'), sleeps[0]!);
    const found = fixedSleeps(root, ['servers/fleet/testing/allowed.ts']).map((s) => `${s.file}:${s.line}`);
    assert.deepEqual(found, [
      ...sleeps.map((_, i) => `${join('servers', 'fleet', 'a.test.ts')}:${i + 1}`),
      `${join('servers', 'fleet', 'testing', 'helper.ts')}:1`,
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

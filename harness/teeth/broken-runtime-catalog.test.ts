import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { isRequirementId, requirement } from '../requirements/catalog.js';
import { SPECS_DIR } from '../run/spec-files.js';
import { BROKEN_RUNTIMES, brokenRuntime } from '../../devices/broken-runtimes/catalog.js';
import { UnknownBrokenRuntimeError } from '../../devices/broken-runtimes/errors.js';

test('at least the six required broken runtimes are catalogued, with unique names', () => {
  const names = BROKEN_RUNTIMES.map((r) => r.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of ['replace-ignored', 'failed-load-clears', 'always-sends', 'survives-restart', 'throws-on-bad-password', 'stale-connections']) {
    assert.ok(names.includes(name), name);
  }
});

for (const runtime of BROKEN_RUNTIMES) {
  test(`${runtime.name}: a RuntimeFactory module, real requirement IDs, specs that check them`, async () => {
    const mod = (await import(pathToFileURL(runtime.module).href)) as { createRuntime?: unknown; default?: unknown };
    assert.equal(typeof mod.createRuntime, 'function');
    assert.equal(mod.default, mod.createRuntime);
    assert.match(runtime.defect, /^[A-Z].*\.$/);
    assert.ok(runtime.flags.length > 0 && runtime.platforms.length > 0 && runtime.specs.length > 0);
    for (const spec of runtime.specs) assert.ok(existsSync(join(SPECS_DIR, `${spec}.spec.ts`)), `specs/${spec}.spec.ts`);
    for (const id of [...runtime.flags, ...Object.keys(runtime.mayAlsoFlag ?? {})]) {
      assert.ok(isRequirementId(id), id);
      const found = requirement(id);
      assert.ok(runtime.platforms.every((p) => found.platforms.includes(p)), `${id} is not a requirement on every platform ${runtime.name} runs on`);
      assert.ok(runtime.specs.some((spec) => found.checkedBy.includes(`specs/${spec}.spec.ts`)), `${id} is checked by none of ${runtime.specs.join(', ')}`);
    }
  });
}

test('brokenRuntime() finds by name and throws a typed error otherwise', () => {
  assert.equal(brokenRuntime('always-sends').name, 'always-sends');
  assert.throws(() => brokenRuntime('nope'), (e: unknown) => e instanceof UnknownBrokenRuntimeError && e.code === 'BROKEN_RUNTIME_UNKNOWN');
});

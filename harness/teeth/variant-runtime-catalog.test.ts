import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { isRequirementId, requirement } from '../requirements/catalog.js';
import { VARIANT_RUNTIMES } from '../../devices/variant-runtimes/catalog.js';

test('variant runtimes: unique names, a RuntimeFactory module each', async () => {
  const names = VARIANT_RUNTIMES.map((v) => v.name);
  assert.equal(new Set(names).size, names.length);
  for (const variant of VARIANT_RUNTIMES) {
    const mod = (await import(pathToFileURL(variant.module).href)) as { createRuntime?: unknown; default?: unknown };
    assert.equal(typeof mod.createRuntime, 'function', variant.name);
    assert.equal(mod.default, mod.createRuntime, variant.name);
    assert.match(variant.difference, /^[A-Z].*\.$/, variant.name);
    assert.ok(variant.platforms.length > 0, variant.name);
  }
});

test('what a variant differs on is a requirement at level decision, of a platform it runs on', () => {
  for (const variant of VARIANT_RUNTIMES) {
    for (const id of variant.differsOn) {
      assert.ok(isRequirementId(id), `${variant.name}: ${id}`);
      assert.equal(requirement(id).level, 'decision', `${variant.name}: ${id} must be a decision, or the variant is not correct`);
      assert.ok(variant.platforms.some((p) => requirement(id).platforms.includes(p)), `${variant.name}: ${id}`);
    }
  }
});

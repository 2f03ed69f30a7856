import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LAYERS } from '../layers/layer-rules.js';
import { ConformanceError, HarnessError, ServersError } from './index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BASES = [join('support', 'errors', 'conformance-error.ts'), join('reference', 'runtime', 'reference-error.ts')];
/** Mirrors of errors thrown elsewhere, keeping that error's own name and (optional) code. */
const MIRRORS = new Set([`${join('devices', 'reference-driver', 'lib', 'app-host', 'jsc', 'jsc-bridge.ts')}:EngineError`]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.[cm]?[jt]s$/.test(entry.name) && !/\.test\.[cm]?[jt]s$/.test(entry.name) ? [path] : [];
  });
}

test('every error class of the production code extends one of the two bases', () => {
  const direct: string[] = [];
  for (const layer of LAYERS) {
    let files: string[];
    try { files = sources(join(ROOT, layer)); } catch { continue; }
    for (const file of files) {
      const rel = relative(ROOT, file);
      if (BASES.includes(rel)) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/\bclass\s+(\w+)\s+extends\s+Error\b/g)) {
        if (!MIRRORS.has(`${rel}:${match[1]}`)) direct.push(`${rel.split(sep).join('/')}: ${match[1]}`);
      }
    }
  }
  assert.deepEqual(direct, [], 'extend the layer base (support/errors, or reference/runtime/reference-error.ts in reference/)');
});

test('the base names the error after its class, namespaces its code and keeps the cause', () => {
  class ExampleBrokenError extends ServersError {
    readonly code = 'EXAMPLE_BROKEN';
  }
  const cause = new Error('underneath');
  const error = new ExampleBrokenError('it broke', { cause });
  assert.ok(error instanceof ConformanceError && error instanceof Error);
  assert.equal(error.name, 'ExampleBrokenError');
  assert.equal(error.message, 'it broke');
  assert.equal(error.cause, cause);
  assert.equal(error.namespace, 'servers');
  assert.equal(error.qualifiedCode, 'servers/EXAMPLE_BROKEN');
  assert.equal(String(error), 'ExampleBrokenError: it broke');
  assert.deepEqual(Object.keys(error), ['name', 'code'], 'the namespace adds no own property');
});

test('a class that keeps a DOM-style name overrides the base name', () => {
  class DomLikeError extends HarnessError {
    readonly code = 'DOM_LIKE';
    constructor() {
      super('bad');
      this.name = 'SyntaxError';
    }
  }
  const error = new DomLikeError();
  assert.equal(error.name, 'SyntaxError');
  assert.equal(error.qualifiedCode, 'harness/DOM_LIKE');
});

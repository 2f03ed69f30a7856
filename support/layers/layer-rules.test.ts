import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ALLOWED_IMPORTS, importSpecifiers, layerViolations, LAYERS } from './layer-rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('the repository keeps the layer rules', () => {
  const violations = layerViolations(ROOT);
  assert.deepEqual(violations.map((v) => `${v.file}: ${v.from} -> ${v.to} (${v.specifier})`), []);
});

test('the rules say what DEVELOPERS.md says', () => {
  assert.deepEqual(ALLOWED_IMPORTS.support, [], 'support imports no other layer');
  assert.deepEqual(ALLOWED_IMPORTS.reference, [], 'reference imports no other layer');
  assert.equal(ALLOWED_IMPORTS.servers.includes('reference'), false, 'servers never imports reference');
  // Never back: nothing below harness imports harness or specs; nothing imports specs but scripts.
  for (const layer of ['support', 'reference', 'servers', 'devices'] as const) {
    for (const above of ['harness', 'specs', 'bench', 'interop'] as const) assert.equal(ALLOWED_IMPORTS[layer].includes(above), false, `${layer} -> ${above}`);
  }
  for (const layer of LAYERS) if (layer !== 'scripts') assert.equal(ALLOWED_IMPORTS[layer].includes('specs'), false, `${layer} -> specs`);
  for (const layer of ['servers', 'devices', 'harness'] as const) assert.ok(ALLOWED_IMPORTS[layer].includes('support'), `${layer} may use support`);
});

test('every import form is read', () => {
  const source = [
    "import { a } from '../reference/a.js';",
    "import type { B } from \"../servers/b.js\";",
    "export { c } from '../devices/c.js';",
    "export * from '../harness/d.js';",
    "import '../specs/side-effect.js';",
    "const e = await import('../bench/e.js');",
    "const f = require('../interop/f.cjs');",
    "import {\n  g,\n  h,\n} from '../support/g.js';",
  ].join('\n');
  assert.deepEqual(importSpecifiers(source), [
    '../reference/a.js', '../servers/b.js', '../devices/c.js', '../harness/d.js', '../specs/side-effect.js', '../bench/e.js', '../interop/f.cjs', '../support/g.js',
  ]);
});

test('a violation in a real tree is found, with the file and both layers', async () => {
  const root = await mkdtemp(join(tmpdir(), 'voltmx-layers-'));
  try {
    await mkdir(join(root, 'servers', 'fleet'), { recursive: true });
    await mkdir(join(root, 'reference', 'pkcs12'), { recursive: true });
    await mkdir(join(root, 'support'), { recursive: true });
    await writeFile(join(root, 'reference', 'pkcs12', 'index.ts'), 'export const x = 1;\n');
    // Built from parts so this file's own import check does not read them as its imports.
    const from = (path: string) => `from '${path}'`;
    await writeFile(join(root, 'support', 'index.ts'), `import { x } ${from('../reference/pkcs12/index.js')};\nexport const y = x;\n`);
    await writeFile(join(root, 'servers', 'fleet', 'judge.ts'), `import { y } ${from('../../support/index.js')};\nimport type { Z } ${from('../../reference/pkcs12/index.js')};\nexport const z = y;\n`);
    const found = layerViolations(root).map((v) => `${v.file} ${v.from}->${v.to}`).sort();
    assert.deepEqual(found, [join('servers', 'fleet', 'judge.ts') + ' servers->reference', join('support', 'index.ts') + ' support->reference']);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

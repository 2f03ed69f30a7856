import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fileCycles, folderCycles, folderImports } from './import-cycles.js';
import { LAYERS } from './layer-rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('servers/: no import cycle between its folders (backends, the fleet, the wire reader, the backend kit)', () => {
  assert.deepEqual(folderCycles(ROOT, 'servers').map((cycle) => cycle.edges), []);
});

test('servers/wire (the one TLS wire reader) imports no other folder of servers/; no backend imports the fleet or another backend but nginx', () => {
  assert.deepEqual(folderImports(ROOT, join('servers', 'wire')), []);
  const backends = ['embedded', 'nginx', 'testcontainers', 'java'].map((name) => join('servers', name));
  for (const backend of backends) {
    const allowed = backend.endsWith('testcontainers') ? [join('servers', 'nginx')] : [];
    const above = folderImports(ROOT, backend).filter((folder) => folder === join('servers', 'fleet') || (backends.includes(folder) && !allowed.includes(folder)));
    assert.deepEqual(above, [], backend);
  }
});

test('no layer has an import cycle between its files', () => {
  for (const layer of LAYERS) assert.deepEqual(fileCycles(ROOT, layer).map((cycle) => cycle.edges), [], layer);
});

test('a cycle in a real tree is found, through type-only and dynamic imports, tests left out', async () => {
  const root = await mkdtemp(join(tmpdir(), 'voltmx-cycles-'));
  try {
    for (const folder of ['fleet', 'java', 'wire']) await mkdir(join(root, 'servers', folder), { recursive: true });
    // Built from parts so this file's own import check does not read them as its imports.
    const from = (path: string) => `from '${path}'`;
    await writeFile(join(root, 'servers', 'wire', 'index.ts'), 'export const read = 1;\n');
    await writeFile(join(root, 'servers', 'fleet', 'fleet.ts'), `export const start = () => import${"('../java/judge.js')"};\n`);
    await writeFile(join(root, 'servers', 'java', 'judge.ts'), `import type { Fleet } ${from('../fleet/fleet.js')};\nimport { read } ${from('../wire/index.js')};\n`);
    await writeFile(join(root, 'servers', 'wire', 'wire.test.ts'), `import { start } ${from('../fleet/fleet.js')};\n`);
    const [cycle, ...more] = folderCycles(root, 'servers');
    assert.equal(more.length, 0);
    assert.deepEqual(cycle!.members, [join('servers', 'fleet'), join('servers', 'java')]);
    assert.deepEqual(cycle!.edges, [
      `${join('servers', 'fleet')} -> ${join('servers', 'java')} (${join('servers', 'fleet', 'fleet.ts')})`,
      `${join('servers', 'java')} -> ${join('servers', 'fleet')} (${join('servers', 'java', 'judge.ts')})`,
    ]);
    assert.deepEqual(fileCycles(root, 'servers').map((c) => c.members), [[join('servers', 'fleet', 'fleet.ts'), join('servers', 'java', 'judge.ts')]]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

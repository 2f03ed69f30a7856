import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MissingToolError, TOOL_INSTALL, toolSkip } from './require-tool.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/needs-nginx.ts', import.meta.url));

test('a present tool: no skip, in CI or not', () => {
  assert.equal(toolSkip('nginx', undefined, {}), false);
  assert.equal(toolSkip('nginx', undefined, { CI: 'true' }), false);
});

test('a missing tool: a skip reason with the install command locally, MissingToolError in CI', () => {
  assert.equal(toolSkip('chromium', 'no /usr/bin/chromium', {}), `chromium missing (no /usr/bin/chromium); install: ${TOOL_INSTALL.chromium}`);
  assert.equal(toolSkip('chromium', 'no /usr/bin/chromium', { CI: 'false' }), `chromium missing (no /usr/bin/chromium); install: ${TOOL_INSTALL.chromium}`);
  for (const ci of ['true', 'TRUE', '1']) {
    assert.throws(() => toolSkip('java', 'no keytool', { CI: ci }), (e: unknown) =>
      e instanceof MissingToolError && e.code === 'TOOL_MISSING' && e.tool === 'java' && e.message.includes(TOOL_INSTALL.java));
  }
});

async function runFixture(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', FIXTURE], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

test('a real test file needing nginx: skipped locally, failed in CI with the install command', { timeout: 60_000 }, async () => {
  const missing: NodeJS.ProcessEnv = { ...process.env, VOLTMX_NGINX: '/nonexistent/nginx' };
  delete missing.CI;
  delete missing.NODE_TEST_CONTEXT; // else the nested runner reports to ours instead of printing
  const local = await runFixture(missing);
  assert.equal(local.code, 0, local.output);
  assert.match(local.output, /skipped 1/);
  const ci = await runFixture({ ...missing, CI: 'true' });
  assert.notEqual(ci.code, 0, ci.output);
  assert.match(ci.output, /nginx is required in CI \(CI=true\) but missing/);
  assert.ok(ci.output.includes('apt-get install -y nginx-light libnginx-mod-http-echo'), ci.output);
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';

const child = fileURLToPath(new URL('./testing/fleet-until-signal.ts', import.meta.url));
let pki: CreatedTestPki;
let pkiJson: string;
before(async () => {
  pki = await createTestPki();
  pkiJson = join(pki.dir, 'pki.json');
  await writeFile(pkiJson, JSON.stringify(pki), { mode: 0o600 });
});
after(async () => { await pki.dispose(); });

describe('signals', { concurrency: true }, () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal}: the nginx child and the fleet folder are gone, and the process dies of it`, async () => {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, pkiJson], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      proc.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      while (!out.includes('\n')) await once(proc.stdout, 'data');
      const { pid, workDir } = JSON.parse(out.split('\n')[0]) as { pid: number; workDir: string };
      assert.doesNotThrow(() => process.kill(pid, 0), 'nginx runs');
      process.kill(proc.pid!, signal);
      const [code, exitSignal] = await once(proc, 'exit');
      assert.equal(exitSignal ?? code, signal);
      assert.throws(() => process.kill(pid, 0), /ESRCH/, 'nginx is gone');
      await assert.rejects(access(workDir), 'the fleet folder is gone');
    });
  }
});

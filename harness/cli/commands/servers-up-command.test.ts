import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { test } from 'node:test';
import { serversUpCommand } from './servers-up-command.js';

function get(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('servers up serves every scenario until stopped, then removes the PKI', { timeout: 30_000 }, async () => {
  const out: string[] = [];
  let stop!: () => void;
  const stopSignal = new Promise<void>((resolve) => (stop = resolve));
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const io = { out: (t: string) => { out.push(t); if (t.startsWith('ready')) ready(); }, err: () => {} };
  const finished = serversUpCommand({ servers: 'embedded' }, io, stopSignal);
  await Promise.race([isReady, finished]);
  const origin = /no-client-auth\s+(https:\/\/localhost:\d+)/.exec(out.join('\n'))?.[1];
  const caPath = /server CA \(what the app must trust\): (\S+)/.exec(out.join('\n'))?.[1];
  const passwords = /passwords in (\S+)/.exec(out.join('\n'))?.[1];
  assert.ok(origin && caPath && passwords, out.join('\n'));
  const { status, body } = await get(`${origin}/whoami`, readFileSync(caPath, 'utf8'));
  assert.equal(status, 200);
  assert.equal(JSON.parse(body).verify, 'NONE');
  assert.doesNotMatch(out.join('\n'), new RegExp(Object.values(JSON.parse(readFileSync(passwords, 'utf8')) as string[]).filter(Boolean)[0]), 'no password printed');
  stop();
  assert.equal(await finished, 0);
  assert.equal(existsSync(caPath), false, 'PKI folder removed');
  await assert.rejects(get(`${origin}/whoami`, ''), 'servers stopped');
});

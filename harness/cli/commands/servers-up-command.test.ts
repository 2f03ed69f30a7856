import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { test } from 'node:test';
import { findJava } from '../../../servers/java/java-tools.js';
import { JAVA_SCENARIOS } from '../../../servers/java/java-scenarios.js';
import { SCENARIOS } from '../../../servers/scenarios/catalog.js';
import { main } from '../main.js';
import { serversUpCommand } from './servers-up-command.js';

// CI installs Java: there servers up must start the Java judge too.
const javaExpected = (await findJava()).available || process.env.CI === 'true';

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

test('servers up serves every scenario until stopped, then removes the PKI', { timeout: 90_000 }, async () => {
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
  const javaOrigin = /java-tls12-rsa-signatures\s+(https:\/\/localhost:\d+)/.exec(out.join('\n'))?.[1];
  if (javaExpected) {
    assert.ok(javaOrigin, out.join('\n'));
    const java = await get(`${javaOrigin}/whoami`, readFileSync(caPath, 'utf8'));
    assert.deepEqual([java.status, JSON.parse(java.body).server], [400, 'java-tls12-rsa-signatures']);
  } else {
    assert.match(out.join('\n'), /Java judge .*not running.*javac not found/);
  }
  assert.doesNotMatch(out.join('\n'), new RegExp(Object.values(JSON.parse(readFileSync(passwords, 'utf8')) as string[]).filter(Boolean)[0]), 'no password printed');
  stop();
  assert.equal(await finished, 0);
  assert.equal(existsSync(caPath), false, 'PKI folder removed');
  await assert.rejects(get(`${origin}/whoami`, ''), 'servers stopped');
  if (javaOrigin) await assert.rejects(get(`${javaOrigin}/whoami`, ''), 'the Java judge stopped');
});

test('--ports must cover the Java judge\'s scenarios too when it will run: a usage error naming the count',
  { skip: javaExpected ? false : 'no javac: the Java judge would not run' }, async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => { err.push(t); } };
    const to = 9000 + SCENARIOS.length - 1; // the main scenarios' ports only; nothing is bound (checked first)
    assert.equal(await main(['servers', 'up', '--ports', `9000-${to}`], io), 2, err.join('\n'));
    const needed = SCENARIOS.length + JAVA_SCENARIOS.length;
    assert.match(err.join('\n'), new RegExp(`^error: --ports 9000-${to} has ${SCENARIOS.length} ports; the fleet needs ${needed} \\(${SCENARIOS.length} scenarios \\+ ${JAVA_SCENARIOS.length} of the Java judge\\)`));
  });

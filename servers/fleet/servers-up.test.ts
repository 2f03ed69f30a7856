import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { test } from 'node:test';
import { SCENARIOS } from '../scenarios/catalog.js';
import { serversUp } from './servers-up.js';
import { probe } from './testing/https-probe.js';

test('serversUp prints every endpoint and file, serves until told to stop, then cleans up', async () => {
  const lines: string[] = [];
  let stop!: () => void;
  const until = new Promise<void>((resolve) => { stop = resolve; });
  let printed!: () => void;
  const ready = new Promise<void>((resolve) => { printed = resolve; });
  const done = serversUp({
    backend: 'embedded', until, print: (line) => { lines.push(line); if (line.startsWith('ready')) printed(); },
  });
  await Promise.race([ready, done]);
  for (const s of SCENARIOS) assert.ok(lines.some((l) => l.includes(s.id) && l.includes('https://localhost:')), s.id);
  const caLine = lines.find((l) => l.startsWith('server CA'))!;
  const caPath = caLine.slice(caLine.indexOf(': ') + 2);
  await access(caPath);
  const bundleLine = lines.find((l) => l.startsWith('bundle rsa-a.modern'))!;
  const passwordsPath = /bundle passwords in (\S+)/.exec(lines.join('\n'))![1]!;
  const { readFile: read } = await import('node:fs/promises');
  const passwords = JSON.parse(await read(passwordsPath, 'utf8')) as Record<string, string>;
  const secret = passwords['rsa-a.modern.p12']!;
  assert.ok(secret.length > 0);
  assert.ok(!lines.some((l) => l.includes(secret)), 'no password is printed');
  // The printed download URL really serves the bundle.
  const url = new URL(/download: (\S+)\)/.exec(bundleLine)![1]);
  const { readFile } = await import('node:fs/promises');
  const pki = { serverCa: { pem: await readFile(caPath, 'utf8') } } as never;
  const res = await probe(pki, Number(url.port), url.pathname);
  assert.equal(res.status, 200);
  stop();
  await done;
  await assert.rejects(access(caPath), 'the PKI folder is removed');
  await assert.rejects(probe(pki, Number(url.port), url.pathname), 'the servers are stopped');
});

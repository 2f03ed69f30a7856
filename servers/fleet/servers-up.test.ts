import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { test } from 'node:test';
import { JAVA_SCENARIOS } from '../java/java-scenarios.js';
import { findJava } from '../java/java-tools.js';
import { SCENARIOS } from '../scenarios/catalog.js';
import { serversUp } from './servers-up.js';
import { probe } from './testing/https-probe.js';

// CI installs Java: there the Java judge must be part of servers up.
const javaExpected = (await findJava()).available || process.env.CI === 'true';

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
  if (javaExpected) {
    assert.ok(lines.includes('Java judge (SunJSSE, servers/java): running'), lines.join('\n'));
    for (const s of JAVA_SCENARIOS) assert.ok(lines.some((l) => l.includes(s.id) && l.includes('https://localhost:')), s.id);
  }
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
  // The printed Java URL is the Java judge's: it asks for a certificate and says who it is.
  const javaUrl = /java-required-a\s+(https:\/\/localhost:\d+\/whoami)/.exec(lines.join('\n'))?.[1];
  if (javaExpected) {
    const java = await probe(pki, Number(new URL(javaUrl!).port), '/whoami');
    assert.deepEqual([java.status, java.json.server, java.json.error], [400, 'java-required-a', 'no-certificate']);
  }
  stop();
  await done;
  await assert.rejects(access(caPath), 'the PKI folder is removed');
  await assert.rejects(probe(pki, Number(url.port), url.pathname), 'the servers are stopped');
});

test('serversUp without javac: the main fleet alone, and the output says why the Java judge is absent', async () => {
  const lines: string[] = [];
  let stop!: () => void;
  const until = new Promise<void>((resolve) => { stop = resolve; });
  let printed!: () => void;
  const ready = new Promise<void>((resolve) => { printed = resolve; });
  const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
  process.env.PATH = '/nonexistent-voltmx-path';
  delete process.env.JAVA_HOME;
  let done: Promise<void>;
  try {
    done = serversUp({ backend: 'embedded', until, print: (line) => { lines.push(line); if (line.startsWith('ready')) printed(); } });
    await Promise.race([ready, done]);
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.JAVA_HOME !== undefined) process.env.JAVA_HOME = saved.JAVA_HOME;
  }
  stop();
  await done;
  assert.ok(lines.some((l) => /^Java judge \(SunJSSE, servers\/java\): not running, .*javac not found/.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => /^\s+java-/.test(l)), 'no java-* scenario is printed');
  assert.ok(lines.some((l) => l.includes('no-client-auth')));
});

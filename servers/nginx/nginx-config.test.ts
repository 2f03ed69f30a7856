import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { SCENARIOS } from '../scenarios/catalog.js';
import { plannedServers, writeNginxFiles } from './nginx-files.js';
import { NGINX_BINARY } from './nginx-process.js';

const run = promisify(execFile);
let pki: CreatedTestPki;
let workDir: string;
before(async () => {
  pki = await createTestPki();
  workDir = await mkdtemp(join(tmpdir(), 'voltmx-nginx-config-'));
});
after(async () => {
  await rm(workDir, { recursive: true, force: true });
  await pki.dispose();
});

test('the generated configuration passes nginx -t, for loopback and for mapped-port containers', async () => {
  for (const address of ['127.0.0.1', '0.0.0.0']) {
    const servers = plannedServers(SCENARIOS, SCENARIOS.map((_, i) => 40000 + i));
    const conf = await writeNginxFiles(workDir, pki, servers, address);
    const { stderr } = await run(NGINX_BINARY, ['-t', '-p', workDir, '-e', join(workDir, 'logs', 'error.log'), '-c', conf]);
    assert.match(stderr, /test is successful/);
    const text = await readFile(conf, 'utf8');
    assert.equal(text.match(new RegExp(`listen ${address.replace(/\./g, '\\.')}:\\d+ ssl;`, 'g'))?.length, SCENARIOS.length);
  }
});

test('the configuration keeps nginx inside its folder and /p12/ away from the keys', async () => {
  const conf = await readFile(join(workDir, 'nginx.conf'), 'utf8');
  const fileDirectives = /^\s*(pid|error_log|access_log|\w+_temp_path|ssl_certificate|ssl_certificate_key|ssl_client_certificate|ssl_trusted_certificate|alias)\s+(\S+)/gm;
  const paths = [...conf.matchAll(fileDirectives)].map((m) => m[2]);
  assert.ok(paths.length > 5 * SCENARIOS.length);
  for (const path of paths) assert.ok(path.startsWith(`${workDir}/`), path);
  for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) assert.match(conf, new RegExp(`${t}_temp_path ${workDir}/tmp/${t};`));
  assert.deepEqual((await readdir(join(workDir, 'p12'))).sort(), Object.values(pki.bundles).map((b) => b.fileName).sort());
  assert.equal((await stat(join(workDir, 'pki', 'server.key'))).mode & 0o077, 0, 'the key is private');
  // required-unadvertised never names a CA file nginx would advertise.
  const block = conf.split('server {').find((b) => b.includes(`~Q~required-unadvertised~Q~`))!;
  assert.doesNotMatch(block, /ssl_client_certificate/);
  assert.match(block, /ssl_trusted_certificate .*cas-A\.pem;/);
  assert.match(block, /ssl_verify_client optional_no_ca;/);
  // Each scenario names its own server credential; only the ECDSA-only one restricts client keys.
  const blockOf = (id: string) => conf.split('server {').find((b) => b.includes(`~Q~${id}~Q~`))!;
  assert.match(blockOf('untrusted-server'), /ssl_certificate .*\/untrusted-server\.pem;/);
  assert.match(blockOf('required-a-or-b-ecdsa-only'), /ssl_certificate_key .*\/server-ec\.key;\n.*\n\s*ssl_conf_command ClientSignatureAlgorithms ECDSA\+SHA256:ECDSA\+SHA384:ECDSA\+SHA512;/);
  assert.equal(conf.match(/ssl_conf_command/g)?.length, 1);
  for (const name of ['server-ec.key', 'untrusted-server.key']) assert.equal((await stat(join(workDir, 'pki', name))).mode & 0o077, 0, name);
});

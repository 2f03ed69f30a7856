// The IdentityInfo strings are promises about what nginx prints: check them against real nginx.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { waitForTls } from '../backend-kit/readiness.js';
import { toolSkip } from '../../support/testing/index.js';
import { findNginx, nginxBinary } from '../../support/tools/index.js';
import { createTestPki, type CreatedTestPki } from './create-test-pki.js';
import { PrivateFolder } from './private-folder.js';
import type { IdentityName } from './types.js';

const NGINX = findNginx().path;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('IdentityInfo matches nginx 1.22 variables', { skip: toolSkip('nginx', nginxBinary() ? undefined : 'no nginx with the echo module') }, () => {
  let pki: CreatedTestPki;
  let folder: PrivateFolder;
  let nginx: ChildProcess | undefined;
  let port: number;

  before(async () => {
    [pki, folder, port] = await Promise.all([createTestPki(), PrivateFolder.create('pki-nginx-test-'), freePort()]);
    const caFile = await folder.write('client-cas.pem', pki.cas.A.certificate.pem + pki.cas.B.certificate.pem);
    const temp = (name: string) => `${name}_temp_path ${folder.path}/${name};`;
    const config = `daemon off;
master_process off;
pid ${folder.path}/nginx.pid;
error_log ${folder.path}/error.log warn;
events { worker_connections 16; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${pki.server.certificate.path};
    ssl_certificate_key ${pki.server.key.path};
    ssl_client_certificate ${caFile};
    ssl_verify_client optional;
    ssl_verify_depth 3;
    location / {
      default_type text/plain;
      return 200 "$ssl_client_verify|$ssl_client_s_dn|$ssl_client_i_dn|$ssl_client_serial|$ssl_client_fingerprint";
    }
  }
}
`;
    const configPath = await folder.write('nginx.conf', config);
    nginx = spawn(NGINX, ['-p', `${folder.path}/`, '-c', configPath, '-e', `${folder.path}/error.log`], { stdio: 'ignore' });
    // nginx announces nothing when it listens: the fleet's own readiness check (a TLS handshake) serves.
    const started = nginx;
    await waitForTls(port, 10_000, () => started.exitCode === null);
  });

  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = once(nginx, 'exit');
      nginx.kill('SIGTERM');
      await exited;
    }
    await folder?.remove();
    await pki?.dispose();
  });

  const fetchVariables = async (bundleName: string): Promise<string> => {
    const bundle = pki.bundle(bundleName);
    const pfx = await readFile(bundle.path);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', servername: 'localhost', ca: pki.serverCa.pem, pfx, passphrase: bundle.password, agent: false },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end();
    });
  };

  for (const name of ['rsa-a', 'ec-b', 'rsa-intermediate'] as IdentityName[]) {
    test(`${name}: verify, s_dn, i_dn, serial, fingerprint`, async () => {
      const identity = pki.identities[name];
      const body = await fetchVariables(`${name}.modern`);
      assert.equal(body, `SUCCESS|${identity.subject}|${identity.issuer}|${identity.serial}|${identity.fingerprint}`);
    });
  }
});

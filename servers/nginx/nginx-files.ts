import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { TestPki } from '../pki/types.js';
import { findEchoModule } from '../../support/tools/index.js';
import { serverCredentialOf } from '../scenarios/catalog.js';
import { SERVE_ALL, servesBundle, type DownloadPolicy } from '../scenarios/downloads.js';
import type { Scenario, ServerCredentialName } from '../scenarios/types.js';
import { caFileName, nginxConfig, type NginxLayout, type NginxServer } from './nginx-config.js';

const CREDENTIAL_FILES: Readonly<Record<ServerCredentialName, string>> = {
  server: 'server', serverEc: 'server-ec', untrustedServer: 'untrusted-server',
};

/** In VOLTMX_NGINX_MODULES, else Debian's or Homebrew's modules folder (nginx-binary.ts). */
export const ECHO_MODULE = findEchoModule().path;

/**
 * Writes everything nginx reads into workDir (0700): CA bundles, the server key, copies of the
 * PKCS#12 bundles (so /p12/ cannot reach other PKI files), temp folders and nginx.conf.
 * The paths are absolute and identical inside a container that bind-mounts workDir.
 */
export async function writeNginxFiles(
  workDir: string,
  pki: TestPki,
  servers: readonly NginxServer[],
  listenAddress: string | readonly string[] = '127.0.0.1',
  downloads: DownloadPolicy = SERVE_ALL,
): Promise<string> {
  const pkiDir = join(workDir, 'pki');
  const p12Dir = join(workDir, 'p12');
  await Promise.all(
    [pkiDir, p12Dir, join(workDir, 'logs'), join(workDir, 'tmp')].map((d) => mkdir(d, { recursive: true, mode: 0o700 })),
  );
  const layout: NginxLayout = {
    workDir,
    serverCredential: (name) => ({ cert: join(pkiDir, `${CREDENTIAL_FILES[name]}.pem`), key: join(pkiDir, `${CREDENTIAL_FILES[name]}.key`) }),
    p12Dir,
    caFile: (cas) => join(pkiDir, caFileName(cas)),
    echoModule: ECHO_MODULE,
  };
  const caSets = new Map<string, readonly string[]>();
  for (const { scenario } of servers) {
    for (const set of [scenario.advertisedCas, scenario.trustedCas]) {
      if (set.length > 0) caSets.set(caFileName(set), set);
    }
  }
  const credentials = new Set(servers.map(({ scenario }) => serverCredentialOf(scenario)));
  await Promise.all([
    ...[...credentials].flatMap((name) => [
      writeFile(layout.serverCredential(name).cert, pki[name].certificate.pem, { mode: 0o600 }),
      writeFile(layout.serverCredential(name).key, pki[name].key.pem, { mode: 0o600 }),
    ]),
    ...[...caSets.values()].map((set) =>
      writeFile(layout.caFile(set), set.map((name) => pki.cas[name as keyof TestPki['cas']].certificate.pem).join('\n'))),
    ...Object.values(pki.bundles).filter((b) => servesBundle(downloads, b.name))
      .map((b) => copyFile(b.path, join(p12Dir, basename(b.fileName)))),
  ]);
  const confPath = join(workDir, 'nginx.conf');
  await writeFile(confPath, nginxConfig(layout, servers, listenAddress, downloads), { mode: 0o600 });
  return confPath;
}

export function plannedServers(scenarios: readonly Scenario[], ports: readonly number[]): NginxServer[] {
  return scenarios.map((scenario, i) => ({ scenario, port: ports[i] }));
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { untilInterrupted } from '../../support/index.js';
import { createTestPki, type ExistingRoots } from '../pki/create-test-pki.js';
import { JAVA_SCENARIOS } from '../java/java-scenarios.js';
import { SCENARIOS } from '../scenarios/catalog.js';
import { DOWNLOAD_SCENARIO, servesBundle, servesDownloads } from '../scenarios/downloads.js';
import { exposureWarning, type FleetNetwork } from './network.js';
import { ServerFleet } from './server-fleet.js';
import type { BackendName } from '../backend-kit/types.js';

export interface ServersUpOptions {
  readonly backend: BackendName;
  /** Extra SANs for the server certificate (e.g. 10.0.2.2 for the Android emulator, a LAN name). */
  readonly extraHostNames?: readonly string[];
  /** Keep the PKI folder after exit (the bundles stay usable for manual tests). */
  readonly keep?: boolean;
  /** Issue the leaves under these roots (a persistent PKI), with the path of its server CA. */
  readonly persistent?: { readonly roots: ExistingRoots; readonly serverCaPath: string };
  /** --bind / --ports. */
  readonly network?: FleetNetwork;
  /** Host name devices put in URLs (the first --host); default localhost. */
  readonly urlHost?: string;
  /** Also the Java judge's scenarios when javac is present (default true); the output says why it is absent. */
  readonly javaJudge?: boolean;
  /** Where to print; stdout by default. */
  readonly print?: (line: string) => void;
  /** Resolves to stop the servers; Ctrl-C / SIGTERM by default. */
  readonly until?: Promise<unknown>;
}

/**
 * `voltmx-conformance servers up`: creates a PKI, starts every scenario (and the Java judge's
 * when javac is present), prints endpoints and file paths, and serves until interrupted.
 * Passwords are never printed: a person importing a bundle on a device reads them from a 0600
 * file inside the private PKI folder.
 */
export async function serversUp(options: ServersUpOptions): Promise<void> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const pki = await createTestPki({
    ...(options.extraHostNames ? { extraHostNames: options.extraHostNames } : {}),
    ...(options.keep ? { keep: true } : {}),
    ...(options.persistent ? { roots: options.persistent.roots } : {}),
  });
  try {
    const passwords = join(pki.dir, 'passwords.json');
    const byFile = Object.fromEntries(Object.values(pki.bundles).map((b) => [b.fileName, b.password]));
    await writeFile(passwords, JSON.stringify(byFile, null, 2), { mode: 0o600 });
    const fleet = await new ServerFleet(pki).withBackend(options.backend).withNetwork(options.network ?? {})
      .withJavaJudge(options.javaJudge ?? true).start();
    try {
      const url = (scenario: string, path = '/whoami'): string => {
        const u = new URL(fleet.url(scenario, path));
        if (options.urlHost) u.hostname = options.urlHost.includes(':') ? `[${options.urlHost}]` : options.urlHost;
        return u.href;
      };
      const warning = exposureWarning(fleet.exposure.bind, fleet.endpoints().map((e) => e.port), DOWNLOAD_SCENARIO);
      if (warning) print(warning);
      print(`backend: ${options.backend}, listening on ${fleet.exposure.listen.join(', ')}`);
      for (const s of SCENARIOS) print(`  ${s.id.padEnd(28)} ${url(s.id)}  ${s.description}`);
      const java = fleet.javaJudge;
      if (java.state === 'running') {
        print('Java judge (SunJSSE, servers/java): running');
        for (const s of JAVA_SCENARIOS) print(`  ${s.id.padEnd(28)} ${url(s.id)}  ${s.description}`);
      } else if (java.state === 'unavailable') {
        print(`Java judge (SunJSSE, servers/java): not running, its java-* scenarios are absent: ${java.reason}`);
      }
      print(`server CA (what the app must trust): ${options.persistent?.serverCaPath ?? pki.serverCa.path}`);
      if (options.persistent) print('  (the persistent test PKI: an app built to trust it keeps working across runs)');
      for (const ca of Object.values(pki.cas)) print(`client CA ${ca.name}: ${ca.certificate.path}`);
      const downloads = servesDownloads(fleet.exposure.downloads, DOWNLOAD_SCENARIO);
      for (const bundle of Object.values(pki.bundles)) {
        const served = downloads && servesBundle(fleet.exposure.downloads, bundle.name);
        print(`bundle ${bundle.name}: ${bundle.path}${served ? `  (download: ${url(DOWNLOAD_SCENARIO, `/p12/${bundle.fileName}`)})` : ''}`);
      }
      print(`bundle passwords in ${passwords}`);
      if (options.keep) print(`PKI folder kept after exit: ${pki.dir}`);
      print('ready; Ctrl-C stops the servers and removes the PKI');
      await (options.until ?? untilInterrupted());
    } finally {
      await fleet.stop();
    }
  } finally {
    await pki.dispose();
  }
}

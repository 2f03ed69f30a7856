/**
 * createTestPki(): a fresh PKI per run (CAs, server certificate, client identities, PKCS#12
 * bundles) in a private folder, made with node:crypto only (no openssl CLI).
 *
 * Folder layout: ca-<A|B|C|intermediateA>.crt, server-ca.crt, server.{key,crt},
 * server-ec.{key,crt}, untrusted-server.{key,crt},
 * <identity>.{key,crt,chain.pem}, p12/<identity>.<encoding>.p12 (all PEM, keys PKCS#8).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { formatRfc2253 } from './distinguished-name.js';
import { asServersSeeIt } from './certificate-builder.js';
import { UnknownBundleError } from './errors.js';
import {
  CA_ORDER, intermediatesOf, issueCertificates, keyPlan, ROOT_NAMES, type IssuedRoots, type KeyName, type RootName,
} from './issue-certificates.js';
import { generateKeys, type KeyPair, type KeyType } from './key-pairs.js';
import { IDENTITY_PLAN, bundlePlan, type BundlePlan } from './pki-plan.js';
import { bundlePasswordFor, pkcs12Bytes } from './bundle-bytes.js';
import { PrivateFolder } from './private-folder.js';
import { registerCleanup } from '../../support/index.js';
import { generalName } from './subject-alt-name.js';
import type {
  CaName,
  CertificateAuthority,
  IdentityInfo,
  IdentityName,
  Pkcs12Bundle,
  PemFile,
  ServerCredentials,
  TestPki,
} from './types.js';

export interface CreateTestPkiOptions {
  /** Added to the server certificate's SANs (DNS names or IP addresses). */
  readonly extraHostNames?: readonly string[];
  /** Leave the folder in place on dispose() (debugging). */
  readonly keep?: boolean;
  /** Password of the modern and legacy bundles; default: random per run. */
  readonly password?: string;
  /** Parent folder of the private mkdtemp folder; default: the OS temp folder. */
  readonly dir?: string;
  /**
   * Long-lived roots to issue this run's leaves under (servers/pki/persistent); default: fresh
   * roots. Their private keys stay in memory: only certificates are written to the run's folder.
   */
  readonly roots?: ExistingRoots;
}

/** Root certificates with their keys, e.g. loaded from a persistent PKI folder. */
export interface ExistingRoots {
  readonly certificates: IssuedRoots;
  readonly keys: Readonly<Record<RootName, KeyPair>>;
}

/** Extras beyond the TestPki contract. */
export interface CreatedTestPki extends TestPki {
  /** The password of the modern and legacy bundles. */
  readonly password: string;
  /** Wall time createTestPki took, in milliseconds. */
  readonly generationMs: number;
}

export async function createTestPki(options: CreateTestPkiOptions = {}): Promise<CreatedTestPki> {
  const started = performance.now();
  const extraHostNames = [...(options.extraHostNames ?? [])];
  extraHostNames.forEach(generalName); // validate before any work: throws InvalidHostNameError
  const password = options.password ?? randomBytes(18).toString('base64url');
  const now = new Date();

  const folder = await PrivateFolder.create('voltmx-pki-', options.dir);
  // Key material must not outlive the process on any exit path (signal, crash, forgotten dispose()).
  const cleanup = registerCleanup('test PKI folder', () => folder.remove(), { sync: () => folder.removeSync() });
  try {
    const roots = options.roots;
    const plan = keyPlan();
    if (roots) for (const name of ROOT_NAMES) delete (plan as Partial<Record<KeyName, KeyType>>)[name];
    const keys = { ...(await generateKeys(plan)), ...roots?.keys } as Record<KeyName, KeyPair>;
    const pemFile = async (relativePath: string, pem: string): Promise<PemFile> => ({
      pem,
      path: await folder.write(relativePath, pem),
    });
    const keyPem = (name: KeyName): string =>
      keys[name].privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    const certs = issueCertificates(keys, now, extraHostNames, roots?.certificates);

    const cas = {} as Record<CaName, CertificateAuthority>;
    for (const name of CA_ORDER) {
      cas[name] = {
        name,
        certificate: await pemFile(`ca-${name}.crt`, certs.cas[name].pem),
        subject: formatRfc2253(certs.cas[name].subject),
      };
    }
    const serverCa = await pemFile('server-ca.crt', certs.serverCa.pem);
    const server: ServerCredentials = {
      key: await pemFile('server.key', keyPem('server')),
      certificate: await pemFile('server.crt', certs.server.pem),
    };
    const serverEc: ServerCredentials = {
      key: await pemFile('server-ec.key', keyPem('serverEc')),
      certificate: await pemFile('server-ec.crt', certs.serverEc.pem),
    };
    const untrustedServer: ServerCredentials = {
      key: await pemFile('untrusted-server.key', keyPem('untrustedServer')),
      certificate: await pemFile('untrusted-server.crt', certs.untrustedServer.pem),
    };

    const identities = {} as Record<IdentityName, IdentityInfo>;
    for (const name of Object.keys(IDENTITY_PLAN) as IdentityName[]) {
      const cert = certs.identities[name];
      identities[name] = {
        name,
        keyType: IDENTITY_PLAN[name].keyType,
        ...asServersSeeIt(cert),
        certificate: await pemFile(`${name}.crt`, cert.pem),
        chain: await pemFile(`${name}.chain.pem`, [cert, ...intermediatesOf(certs, name)].map((c) => c.pem).join('')),
        key: await pemFile(`${name}.key`, keyPem(name)),
      };
    }

    const buildBundle = async (plan: BundlePlan): Promise<Pkcs12Bundle> => {
      const bytes = await pkcs12Bytes(plan.encoding, password, plan.identities.map((name) => ({
        friendlyName: name, privateKey: keys[name].privateKey, certificate: certs.identities[name].der,
        chain: intermediatesOf(certs, name).map((c) => c.der),
      })));
      const fileName = `${plan.name}.p12`;
      const path = await folder.write(`p12/${fileName}`, bytes);
      return { name: plan.name, identities: plan.identities, encoding: plan.encoding, password: bundlePasswordFor(plan.encoding, password), path, fileName };
    };
    const bundleList = await Promise.all(bundlePlan().map(buildBundle));
    const bundles: Record<string, Pkcs12Bundle> = Object.fromEntries(bundleList.map((b) => [b.name, b]));

    const keep = options.keep === true;
    if (keep) cleanup.release();
    return {
      dir: folder.path,
      cas,
      serverCa,
      server,
      serverEc,
      untrustedServer,
      identities,
      bundles,
      password,
      generationMs: performance.now() - started,
      bundle(name: string): Pkcs12Bundle {
        const found = bundles[name];
        if (!found) throw new UnknownBundleError(name);
        return found;
      },
      async dispose(): Promise<void> {
        if (!keep) await cleanup.run();
      },
    };
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

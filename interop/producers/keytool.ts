/**
 * Java keytool (PKCS12 store type): its own self-signed key pairs, and -importkeystore of
 * OpenSSL files made from test PKI identities (so those authenticate against the fleet).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityName } from '../../servers/pki/types.js';
import { pkiIdentity } from './expected.js';
import { certificatesOfPem, firstLine, runTool, sha1Fingerprint, which } from './tools.js';
import type { ExpectedIdentity, InteropWorkspace, ProducedFile, Producer, Variant } from './types.js';

const PASS_ENV = 'INTEROP_PASS';
/** keytool is a JVM start per call: a client JIT and serial GC halve that. */
const FAST_JVM = ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', '-J-Xshare:auto'];

interface Alias {
  readonly name: string;
  readonly leaf: import('node:crypto').X509Certificate;
}

/** `keytool -list -rfc`: each alias with its leaf certificate. */
export async function keytoolList(store: string, password: string): Promise<Alias[]> {
  const { stdout } = await runTool('keytool', [...FAST_JVM, '-list', '-rfc', '-keystore', store, '-storetype', 'PKCS12',
    '-storepass:env', PASS_ENV], { env: { [PASS_ENV]: password } });
  return stdout.split(/^Alias name: /m).slice(1).map((block) => ({
    name: block.split('\n')[0]!.trim(),
    leaf: certificatesOfPem(block)[0]!,
  }));
}

interface Generated { readonly alias: string; readonly keyalg: 'RSA' | 'EC' }

interface KeytoolMode {
  readonly id: string;
  readonly options: string;
  /** Self-signed key pairs keytool generates. */
  readonly generate?: readonly Generated[];
  /** Test PKI identities imported from OpenSSL files (-importkeystore). */
  readonly imports?: readonly IdentityName[];
  /** -J-D properties (store protection). */
  readonly properties?: readonly string[];
  readonly notes?: string;
}

const MODES: readonly KeytoolMode[] = [
  { id: 'rsa', options: 'keytool -genkeypair -keyalg RSA', generate: [{ alias: 'rsa', keyalg: 'RSA' }], notes: 'self-signed' },
  { id: 'ec', options: 'keytool -genkeypair -keyalg EC -groupname secp256r1', generate: [{ alias: 'ec', keyalg: 'EC' }], notes: 'self-signed' },
  {
    id: 'three-aliases', options: 'keytool -genkeypair x3 (RSA, EC, RSA)',
    generate: [{ alias: 'first', keyalg: 'RSA' }, { alias: 'second', keyalg: 'EC' }, { alias: 'third', keyalg: 'RSA' }],
    notes: 'self-signed; 3 identities',
  },
  { id: 'import-openssl', options: 'keytool -importkeystore (from an OpenSSL default file)', imports: ['rsa-a'] },
  { id: 'import-two', options: 'keytool -importkeystore x2 (rsa-a, ec-b)', imports: ['rsa-a', 'ec-b'], notes: '2 identities, two CAs' },
  {
    id: 'legacy', options: 'keytool -J-Dkeystore.pkcs12.legacy -importkeystore', imports: ['rsa-a'],
    properties: ['-J-Dkeystore.pkcs12.legacy'], notes: 'RC2-40 certificates, 3DES key, SHA-1 MAC',
  },
  {
    id: 'no-cert-encryption-no-mac', options: 'keytool certProtectionAlgorithm=NONE macAlgorithm=NONE', imports: ['rsa-a'],
    properties: ['-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE', '-J-Dkeystore.pkcs12.macAlgorithm=NONE'],
    notes: 'key still encrypted (keytool always encrypts keys)',
  },
];

async function opensslFile(workspace: InteropWorkspace, name: IdentityName, out: string): Promise<void> {
  const identity = workspace.pki.identities[name];
  await runTool('openssl', ['pkcs12', '-export', '-out', out, '-inkey', identity.key.path, '-in', identity.certificate.path,
    '-name', name, '-passout', `env:${PASS_ENV}`], { env: { [PASS_ENV]: workspace.password } });
}

function variant(mode: KeytoolMode): Variant {
  return {
    id: mode.id,
    options: mode.options,
    async make(workspace: InteropWorkspace): Promise<ProducedFile> {
      const store = join(workspace.dir, `keytool-${mode.id}-${randomBytes(4).toString('hex')}.p12`);
      const env = { [PASS_ENV]: workspace.password };
      const props = mode.properties ?? [];
      for (const { alias, keyalg } of mode.generate ?? []) {
        await runTool('keytool', [...FAST_JVM, ...props, '-genkeypair', '-alias', alias, '-keyalg', keyalg,
          ...(keyalg === 'RSA' ? ['-keysize', '2048'] : ['-groupname', 'secp256r1']),
          '-dname', `CN=keytool-${alias},O=voltmx-conformance-interop`, '-validity', '30',
          '-storetype', 'PKCS12', '-keystore', store, '-storepass:env', PASS_ENV], { env });
      }
      for (const name of mode.imports ?? []) {
        const source = join(workspace.dir, `keytool-src-${name}-${randomBytes(4).toString('hex')}.p12`);
        await opensslFile(workspace, name, source);
        await runTool('keytool', [...FAST_JVM, ...props, '-importkeystore', '-noprompt', '-srckeystore', source, '-srcstoretype', 'PKCS12',
          '-srcstorepass:env', PASS_ENV, '-destkeystore', store, '-deststoretype', 'PKCS12', '-deststorepass:env', PASS_ENV], { env });
      }
      const listing = await keytoolList(store, workspace.password);
      const expected: ExpectedIdentity[] = [
        ...(mode.generate ?? []).map(({ alias, keyalg }) => {
          const leaf = listing.find((a) => a.name === alias)?.leaf;
          if (!leaf) throw new Error(`keytool -list does not show alias ${alias}`);
          return { label: `keytool-${alias}`, fingerprint: sha1Fingerprint(leaf), keyType: keyalg, selfSigned: leaf };
        }),
        ...(mode.imports ?? []).map((name) => pkiIdentity(workspace, name)),
      ];
      return {
        producer: 'keytool', variant: mode.id, options: mode.options, password: workspace.password,
        bytes: await readFile(store), expected,
        producerListing: listing.map((a) => sha1Fingerprint(a.leaf)),
        ...(mode.notes ? { notes: mode.notes } : {}),
      };
    },
  };
}

export const keytoolProducer: Producer = {
  id: 'keytool',
  name: 'Java keytool',
  unavailable: async () => ((await which('keytool')) ? null : 'keytool not on PATH (install a JDK, e.g. openjdk-17-jdk-headless)'),
  version: async () => {
    const { stdout, stderr } = await runTool('java', ['-version']);
    return `keytool (${firstLine(stderr || stdout)})`;
  },
  variants: MODES.map(variant),
};

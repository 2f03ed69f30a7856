/**
 * Test fixtures for reference/ made by the real `openssl` and `keytool` CLIs (never by the
 * project's own generator: a reader tested only on its sibling writer's output proves little).
 * Everything lives in a private temp folder removed by dispose().
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type FixtureKeyType = 'rsa' | 'ec-p256' | 'ec-p384' | 'ec-p521';

export interface Issued {
  readonly name: string;
  readonly keyPem: string;
  readonly certPem: string;
  readonly keyPath: string;
  readonly certPath: string;
  /** Issuer chain above this certificate, nearest first, root excluded. */
  readonly intermediates: readonly Issued[];
}

export interface IssueOptions {
  name: string;
  issuer?: Issued;
  keyType?: FixtureKeyType;
  usage: 'ca' | 'client' | 'server';
  /** DNS names and IPs for server certificates. */
  sans?: string[];
  /** Negative days make an expired certificate. */
  days?: number;
}

/** openssl pkcs12 -export variants. */
export type Pkcs12Mode =
  | 'default' // OpenSSL 3 default: PBES2/PBKDF2/AES-256-CBC, SHA-256 MAC
  | 'legacy' // -legacy: RC2-40 certs, 3DES key, SHA-1 MAC
  | 'des3' // 3DES for key and certs, SHA-1 MAC
  | 'aes128' // PBES2 AES-128-CBC, SHA-256 MAC
  | 'sha512mac' // default encryption, SHA-512 MAC
  | 'noenc-nomac'; // no encryption at all, no MAC

export interface Pkcs12Options {
  identity: Issued;
  password: string;
  mode?: Pkcs12Mode;
  /** Include the intermediates of the identity (-certfile). */
  withChain?: boolean;
  friendlyName?: string;
  /** Omit the private key (-nokeys) or the certificates (-nocerts). */
  omit?: 'key' | 'certificates';
  /** Iteration count for encryption and MAC (-iter); low counts keep fuzz tests fast. */
  iterations?: number;
  /** Leave out the MAC (-nomac) whatever the mode. */
  noMac?: boolean;
}

export interface KeytoolAlias {
  alias: string;
  keyType: 'RSA' | 'EC';
}

export class OpensslPki {
  private constructor(readonly dir: string) {}

  static async create(): Promise<OpensslPki> {
    const dir = await mkdtemp(join(tmpdir(), 'voltmx-ref-fixtures-'));
    return new OpensslPki(dir);
  }

  async issue(options: IssueOptions): Promise<Issued> {
    const { name } = options;
    const keyPath = join(this.dir, `${name}.key`);
    const certPath = join(this.dir, `${name}.crt`);
    const extPath = join(this.dir, `${name}.ext`);
    await this.generateKey(options.keyType ?? 'rsa', keyPath);
    await writeFile(extPath, extensionsFor(options), { mode: 0o600 });
    const subject = `/CN=${name}/O=voltmx-conformance-fixtures`;
    const days = options.days ?? 30;
    if (!options.issuer) {
      await openssl(['req', '-x509', '-new', '-key', keyPath, '-subj', subject, '-days', String(Math.max(days, 1)),
        '-sha256', '-config', extPath, '-extensions', 'ext', '-out', certPath]);
    } else {
      const csrPath = join(this.dir, `${name}.csr`);
      await openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-config', extPath, '-out', csrPath]);
      const serial = '0x' + randomBytes(8).toString('hex');
      // OpenSSL 3.0 cannot set dates in the past; -days -1 yields notAfter before now (expired).
      await openssl(['x509', '-req', '-in', csrPath, '-CA', options.issuer.certPath, '-CAkey', options.issuer.keyPath,
        '-set_serial', serial, '-days', String(days >= 0 ? days : -1), '-sha256', '-extfile', extPath,
        '-extensions', 'ext', '-out', certPath]);
    }
    const intermediates = options.issuer && options.issuer.intermediates !== undefined && isIntermediate(options.issuer)
      ? [options.issuer, ...options.issuer.intermediates]
      : [];
    return {
      name,
      keyPath,
      certPath,
      keyPem: await readFile(keyPath, 'utf8'),
      certPem: await readFile(certPath, 'utf8'),
      intermediates,
    };
  }

  /** An intermediate CA: its own chain is remembered so leaves under it can carry it. */
  async issueIntermediate(name: string, issuer: Issued, keyType: FixtureKeyType = 'rsa'): Promise<Issued> {
    const issued = await this.issue({ name, issuer, keyType, usage: 'ca' });
    intermediateCas.add(issued.certPath);
    return { ...issued, intermediates: isIntermediate(issuer) ? [issuer, ...issuer.intermediates] : [] };
  }

  async pkcs12(options: Pkcs12Options): Promise<Buffer> {
    const out = join(this.dir, `${options.identity.name}-${randomBytes(4).toString('hex')}.p12`);
    const args = ['pkcs12', '-export', '-out', out, '-passout', 'env:VOLTMX_FIXTURE_PASS'];
    if (options.omit !== 'key') args.push('-inkey', options.identity.keyPath);
    if (options.omit === 'key') args.push('-nokeys');
    if (options.omit !== 'certificates') args.push('-in', options.identity.certPath);
    else args.push('-nocerts');
    if (options.withChain && options.identity.intermediates.length > 0) {
      const chainPath = join(this.dir, `${options.identity.name}-chain.pem`);
      await writeFile(chainPath, options.identity.intermediates.map((i) => i.certPem).join(''), { mode: 0o600 });
      args.push('-certfile', chainPath);
    }
    if (options.friendlyName) args.push('-name', options.friendlyName);
    args.push(...modeArguments(options.mode ?? 'default'));
    if (options.iterations !== undefined) args.push('-iter', String(options.iterations));
    if (options.noMac && options.mode !== 'noenc-nomac') args.push('-nomac');
    await openssl(args, { VOLTMX_FIXTURE_PASS: options.password });
    const bytes = await readFile(out);
    await rm(out, { force: true });
    return bytes;
  }

  /** A PKCS12 key store made by Java's keytool: several self-signed aliases. */
  async keytoolPkcs12(aliases: KeytoolAlias[], password: string): Promise<Buffer> {
    const out = join(this.dir, `keytool-${randomBytes(4).toString('hex')}.p12`);
    for (const { alias, keyType } of aliases) {
      // A quick-start JVM (C1 only, serial GC): keytool's work is tiny, its start-up is not.
      await run('keytool', ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', '-genkeypair', '-alias', alias, '-keyalg', keyType,
        ...(keyType === 'RSA' ? ['-keysize', '2048'] : ['-groupname', 'secp256r1']),
        '-dname', `CN=${alias},O=voltmx-conformance-fixtures`, '-validity', '30',
        '-storetype', 'PKCS12', '-keystore', out, '-storepass:env', 'VOLTMX_FIXTURE_PASS'],
      { env: { ...process.env, VOLTMX_FIXTURE_PASS: password } });
    }
    const bytes = await readFile(out);
    await rm(out, { force: true });
    return bytes;
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private async generateKey(keyType: FixtureKeyType, path: string): Promise<void> {
    const args = keyType === 'rsa'
      ? ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', path]
      : ['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${({ 'ec-p256': 'P-256', 'ec-p384': 'P-384', 'ec-p521': 'P-521' } as const)[keyType]}`, '-out', path];
    await openssl(args);
  }
}

const intermediateCas = new Set<string>();
function isIntermediate(issued: Issued): boolean {
  return intermediateCas.has(issued.certPath);
}

function extensionsFor(options: IssueOptions): string {
  // Doubles as the -config of `openssl req`, hence the [req] stanza.
  const lines = ['[req]', 'distinguished_name=dn', '[dn]', '[ext]'];
  if (options.usage === 'ca') {
    lines.push('basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash');
  } else {
    lines.push('basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment');
    lines.push(`extendedKeyUsage=${options.usage === 'client' ? 'clientAuth' : 'serverAuth'}`);
    if (options.sans?.length) {
      const sans = options.sans.map((s) => (/^[\d.]+$|:/.test(s) ? `IP:${s}` : `DNS:${s}`));
      lines.push(`subjectAltName=${sans.join(',')}`);
    }
  }
  return lines.join('\n') + '\n';
}

function modeArguments(mode: Pkcs12Mode): string[] {
  switch (mode) {
    case 'default':
      return [];
    case 'legacy':
      return ['-legacy'];
    case 'des3':
      return ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'];
    case 'aes128':
      return ['-keypbe', 'AES-128-CBC', '-certpbe', 'AES-128-CBC'];
    case 'sha512mac':
      return ['-macalg', 'sha512'];
    case 'noenc-nomac':
      return ['-keypbe', 'NONE', '-certpbe', 'NONE', '-nomac'];
  }
}

async function openssl(args: string[], env: Record<string, string> = {}): Promise<void> {
  try {
    await run('openssl', args, { env: { ...process.env, ...env } });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim()}`);
  }
}

/** The usual cast of a reference test: two roots, an intermediate, a server, clients. */
export interface StandardFixtures {
  pki: OpensslPki;
  caA: Issued;
  caB: Issued;
  intermediateA: Issued;
  server: Issued;
  clientRsaA: Issued;
  clientEcB: Issued;
  clientRsaIntermediate: Issued;
}

export async function createStandardFixtures(): Promise<StandardFixtures> {
  const pki = await OpensslPki.create();
  const [caA, caB] = await Promise.all([
    pki.issue({ name: 'ca-a', usage: 'ca' }),
    pki.issue({ name: 'ca-b', usage: 'ca', keyType: 'ec-p256' }),
  ]);
  const intermediateA = await pki.issueIntermediate('intermediate-a', caA);
  const [server, clientRsaA, clientEcB, clientRsaIntermediate] = await Promise.all([
    pki.issue({ name: 'server', issuer: caA, usage: 'server', sans: ['localhost', '127.0.0.1', '::1'] }),
    pki.issue({ name: 'client-rsa-a', issuer: caA, usage: 'client' }),
    pki.issue({ name: 'client-ec-b', issuer: caB, usage: 'client', keyType: 'ec-p256' }),
    pki.issue({ name: 'client-rsa-intermediate', issuer: intermediateA, usage: 'client' }),
  ]);
  return { pki, caA, caB, intermediateA, server, clientRsaA, clientEcB, clientRsaIntermediate };
}

/**
 * Runs OracleClient.java (one JVM for every case): the JDK's SunX509 key manager choosing
 * among a file's identities against real servers, with Conscrypt's key types.
 */
import { execFile } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compileJava, QUICK_JVM_FLAGS, type JavaTools } from '../../servers/java/index.js';

const run = promisify(execFile);
const SOURCE = fileURLToPath(new URL('./java/OracleClient.java', import.meta.url));

/** Debian's libbcprov-java. */
export const BCPROV_JAR = '/usr/share/java/bcprov.jar';

export async function bouncyCastleJar(path = BCPROV_JAR): Promise<string | null> {
  try {
    await access(path);
    return path;
  } catch {
    return null;
  }
}

export interface OracleCase {
  readonly id: string;
  readonly p12Path: string;
  readonly password: string;
  readonly port: number;
  readonly protocol: 'TLSv1.2' | 'TLSv1.3';
}

export interface OracleVerdict {
  readonly id: string;
  readonly keystore: 'jdk' | 'bc' | 'none';
  /** Whether the server sent a CertificateRequest (SunJSSE asked the key manager). */
  readonly asked: boolean;
  /** Key types SunJSSE passed, and those the server's signature algorithms allow. */
  readonly keyTypes: readonly string[];
  readonly signatureKeyTypes: readonly string[];
  readonly issuerCount: number;
  /** Leaf SHA-1s of every identity the rule allows (empty: none qualifies). */
  readonly allowed: readonly string[];
  /** What the server saw from the Java client: a SHA-1, 'none', or 'error:...'. */
  readonly javaPresented: string;
}

const list = (text: string): string[] => (text ? text.split(',') : []);

/** `dir` is a private (0700) folder: the case file holds passwords. */
export async function runOracle(tools: JavaTools, bcprov: string, dir: string, serverCaPath: string, cases: readonly OracleCase[]): Promise<OracleVerdict[]> {
  const classes = join(dir, 'oracle-classes');
  await compileJava(tools, [SOURCE], classes, [bcprov]);
  const caseFile = join(dir, 'oracle-cases.tsv');
  await writeFile(caseFile, cases.map((c) => [c.id, c.p12Path, c.password, c.port, c.protocol].join('\t')).join('\n'), { mode: 0o600 });
  const { stdout } = await run(tools.java, [...QUICK_JVM_FLAGS, '-cp', [classes, bcprov].join(delimiter), 'OracleClient', caseFile, serverCaPath], {
    maxBuffer: 16 * 1024 * 1024, timeout: 300_000,
  });
  return stdout.trim().split('\n').filter(Boolean).map((line) => {
    const [id, keystore, asked, keyTypes, signatureKeyTypes, issuers, allowed, seen] = line.split('\t');
    return {
      id: id!, keystore: keystore as OracleVerdict['keystore'], asked: asked === 'true', keyTypes: list(keyTypes!),
      signatureKeyTypes: list(signatureKeyTypes!), issuerCount: Number(issuers), allowed: list(allowed!), javaPresented: seen!,
    };
  });
}

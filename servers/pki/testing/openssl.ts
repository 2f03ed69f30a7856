/**
 * Test support: runs the openssl CLI. Passwords travel in the environment (-passin env:...),
 * never on the command line.
 */
import { execFile } from 'node:child_process';

export interface OpensslResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const PASSWORD_VARIABLE = 'PKI_TEST_P12_PASSWORD';

export function openssl(args: readonly string[], password?: string): Promise<OpensslResult> {
  const env = { ...process.env, [PASSWORD_VARIABLE]: password ?? '' };
  return new Promise((resolve, reject) => {
    execFile('openssl', [...args], { env, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** -passin value for a password held in the environment. */
export const PASSIN = `env:${PASSWORD_VARIABLE}`;

export interface PemBlock {
  readonly label: string;
  readonly pem: string;
  /** Bag attributes openssl printed before the block ("" when none). */
  readonly attributes: string;
  readonly friendlyName: string | undefined;
}

/** Splits `openssl pkcs12 -nodes` output into its PEM blocks with their bag attributes. */
export function parsePkcs12Dump(output: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const pattern = /Bag Attributes([\s\S]*?)(-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \3-----)/g;
  for (const match of output.matchAll(pattern)) {
    const attributes = match[1]!;
    blocks.push({
      label: match[3]!,
      pem: `${match[2]!}\n`,
      attributes,
      friendlyName: /friendlyName: (.*)/.exec(attributes)?.[1]?.trim(),
    });
  }
  return blocks;
}

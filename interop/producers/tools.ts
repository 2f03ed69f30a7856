/** Running producer tools: passwords only through the environment, stderr kept for errors. */
import { execFile } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { InteropError } from '../../support/errors/index.js';

const exec = promisify(execFile);

export class ProducerToolError extends InteropError {
  readonly code = 'INTEROP_TOOL_FAILED';
  constructor(readonly tool: string, detail: string) {
    super(`${tool} failed: ${detail}`);
  }
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

export async function runTool(
  tool: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await exec(tool, [...args], {
      env: { ...process.env, ...options.env },
      cwd: options.cwd,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 60_000,
    });
    return { stdout: String(stdout), stderr: String(stderr) };
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim();
    throw new ProducerToolError(`${tool} ${args[0] ?? ''}`.trim(), stderr.split('\n').slice(-3).join(' | '));
  }
}

/** The path of an executable on PATH, or null. */
export async function which(binary: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function sha1Fingerprint(certificate: X509Certificate): string {
  return createHash('sha1').update(certificate.raw).digest('hex');
}

/** Every certificate of a PEM text, in order. */
export function certificatesOfPem(pem: string): X509Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => new X509Certificate(m[0]));
}

export const firstLine = (text: string): string => text.trim().split('\n')[0]?.trim() ?? '';

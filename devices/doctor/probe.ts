/** Runs a tool with a time limit; never throws (a missing tool is a finding, not an error). */
import { execFile } from 'node:child_process';

export interface ProbeResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export function probe(command: string, args: string[], timeoutMs = 5_000, env: NodeJS.ProcessEnv = process.env): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, env }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout: String(stdout).trim(), stderr: String(stderr).trim() });
    });
  });
}

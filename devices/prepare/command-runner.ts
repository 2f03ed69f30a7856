/**
 * Runs the host tools a device needs before a run (adb, xcrun). One small seam: tests replace
 * it with a recording fake only where the real tool cannot exist on the machine.
 */
import { execFile } from 'node:child_process';
import { DevicesError } from '../../support/errors/index.js';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandRunner {
  run(command: string, args: readonly string[]): Promise<CommandResult>;
}

/** The tool is not installed (ENOENT); `fix` says how to get it. */
export class ToolMissingError extends DevicesError {
  readonly code = 'TOOL_MISSING';
  constructor(readonly tool: string, readonly fix: string) {
    super(`${tool} not found; fix: ${fix}`);
  }
}

/** The tool ran and failed; the message carries its command line and stderr. */
export class CommandFailedError extends DevicesError {
  readonly code = 'COMMAND_FAILED';
  constructor(readonly commandLine: string, readonly detail: string, hint?: string) {
    super(`${commandLine} failed: ${detail}${hint ? `; ${hint}` : ''}`);
  }
}

export const commandLine = (command: string, args: readonly string[]): string =>
  [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');

export function execRunner(options: { timeoutMs?: number; fixes?: Readonly<Record<string, string>> } = {}): CommandRunner {
  return {
    run: (command, args) => new Promise((resolve, reject) => {
      execFile(command, [...args], { timeout: options.timeoutMs ?? 60_000 }, (error, stdout, stderr) => {
        if (!error) return resolve({ stdout: String(stdout), stderr: String(stderr) });
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new ToolMissingError(command, options.fixes?.[command] ?? 'install it, then run voltmx-conformance doctor'));
        }
        reject(new CommandFailedError(commandLine(command, args), String(stderr).trim() || error.message));
      });
    }),
  };
}

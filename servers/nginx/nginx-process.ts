import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerCleanup, stopChild, type CleanupHandle } from '../../support/index.js';
import { findNginx } from '../../support/tools/index.js';

/** VOLTMX_NGINX, else Debian's, else Homebrew's (nginx-binary.ts), read once at start-up. */
export const NGINX_BINARY = findNginx().path;

/** The nginx child process: started, watched for exit, stopped by its PID. */
export class NginxProcess {
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly output: string[] = [];
  private readonly exited: Promise<void>;
  /** From the first moment: a signal or a crash while the fleet is still starting stops nginx too. */
  private readonly cleanup: CleanupHandle;

  private constructor(private readonly child: ChildProcess, private readonly workDir: string) {
    this.exited = once(child, 'exit').then(([code, signal]) => {
      this.exit = { code: code as number | null, signal: signal as NodeJS.Signals | null };
    });
    this.cleanup = registerCleanup('nginx process', () => this.terminate(), {
      sync: () => {
        if (this.alive) child.kill('SIGKILL');
      },
    });
    child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
  }

  static start(workDir: string, confPath: string, binary = NGINX_BINARY): NginxProcess {
    const child = spawn(binary, ['-p', workDir, '-e', join(workDir, 'logs', 'error.log'), '-c', confPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('error', () => undefined); // surfaces through the exit/alive checks
    return new NginxProcess(child, workDir);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exit === null && this.child.pid !== undefined;
  }

  exitDescription(): string {
    if (!this.exit) return 'running';
    return this.exit.signal ? `killed by ${this.exit.signal}` : `exited with code ${this.exit.code}`;
  }

  logs(): string {
    return [this.output.join(''), readNginxLogs(this.workDir)].filter(Boolean).join('\n');
  }

  /** SIGTERM (fast shutdown), SIGKILL after a grace period; once, whoever asks first. */
  stop(): Promise<void> {
    return this.cleanup.run();
  }

  private async terminate(graceMs = 3000): Promise<void> {
    if (this.alive) await stopChild(this.child, { graceMs });
    await this.exited;
  }
}

/** error.log then access.log of an nginx whose prefix is workDir (host process or container). */
export function readNginxLogs(workDir: string): string {
  const read = (name: string): string => {
    try { return readFileSync(join(workDir, 'logs', name), 'utf8'); } catch { return ''; }
  };
  return [read('error.log'), read('access.log')].filter(Boolean).join('\n');
}

/** Keeps a scenario's access-log lines (they start with its port) and every error-log line. */
export function filterLogsByPort(logs: string, port: number | undefined): string {
  if (port === undefined) return logs;
  return logs.split('\n').filter((l) => !/^\d+ "/.test(l) || l.startsWith(`${port} `)).join('\n');
}

/**
 * The Java judge: JavaJudge.java and friends (judge/), compiled with the host's javac into a
 * private folder and run as one JVM serving every Java scenario on its own port, on every listen
 * address (the fleet's --bind / --ports plan). Started and stopped like the other backends;
 * observations have the same shape. It serves no /p12/: bundles come from the main fleet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FleetNetworkError, ServerInfrastructureError } from '../backend-kit/errors.js';
import { waitForTls } from '../backend-kit/readiness.js';
import type { BackendFailure, BackendResources, HandshakeTranscript, ScenarioEndpoint, StartedBackend } from '../backend-kit/types.js';
import type { TestPki } from '../pki/types.js';
import { JAVA_SCENARIOS, type JavaScenario } from './java-scenarios.js';
import { JavaTranscripts } from './java-transcripts.js';
import { compileJava, QUICK_JVM_FLAGS, requireJava, type JavaTools } from './java-tools.js';
import { stopChild } from '../../support/index.js';

const SOURCES = fileURLToPath(new URL('./judge/', import.meta.url));

export interface JavaJudgeOptions {
  readonly pki: TestPki;
  /** Private (0700) folder for classes and configuration; the caller removes it. */
  readonly workDir: string;
  readonly scenarios?: readonly JavaScenario[];
  /** Default: findJava(); JavaUnavailableError without javac. */
  readonly tools?: JavaTools;
  readonly readyTimeoutMs?: number;
  /** Addresses every scenario listens on, same port on each (fleet/network.ts listenAddresses); default 127.0.0.1. */
  readonly listen?: readonly string[];
  /** Fixed port per scenario, in `scenarios` order; default: free ports. */
  readonly ports?: readonly number[];
}

/**
 * Java has no IPV6_V6ONLY: its '::' is dual-stack and already covers IPv4 (a further
 * 127.0.0.1 on the same port would collide), so IPv4 addresses go when '::' is there.
 */
export function javaListenAddresses(listen: readonly string[]): string[] {
  return listen.includes('::') ? listen.filter((a) => a.includes(':')) : [...listen];
}

/** One config line per scenario (paths only: the key files stay in the PKI's private folder). */
function configLine(pki: TestPki, s: JavaScenario, listen: readonly string[], port: number): string {
  const cas = (names: readonly string[]) => names.map((n) => pki.cas[n as keyof typeof pki.cas].certificate.path).join(',');
  const credential = pki[s.serverCredential];
  return [
    `id=${s.id}`, `protocols=${s.protocols.join(',')}`, `signatures=${s.signatures}`, `clientAuth=${s.clientAuth}`,
    `verifyDepth=${s.verifyDepth}`, `advertised=${cas(s.advertisedCas)}`, `trusted=${cas(s.trustedCas)}`,
    `key=${credential.key.path}`, `cert=${credential.certificate.path}`, `listen=${listen.join(',')}`, `port=${port}`,
  ].join('\t');
}

export async function startJavaJudge(options: JavaJudgeOptions): Promise<StartedJavaJudge> {
  const tools = options.tools ?? (await requireJava());
  const scenarios = options.scenarios ?? JAVA_SCENARIOS;
  if (options.ports && options.ports.length !== scenarios.length) {
    throw new FleetNetworkError(`the Java judge needs ${scenarios.length} ports, got ${options.ports.length}`);
  }
  const classes = join(options.workDir, 'java-judge-classes');
  const sources = (await readdir(SOURCES)).filter((f) => f.endsWith('.java')).map((f) => join(SOURCES, f));
  await compileJava(tools, sources, classes);
  const config = join(options.workDir, 'java-judge.conf');
  const listen = javaListenAddresses(options.listen ?? ['127.0.0.1']);
  const lines = scenarios.map((s, i) => configLine(options.pki, s, listen, options.ports?.[i] ?? 0));
  await writeFile(config, lines.join('\n'), { mode: 0o600 });
  const child = spawn(tools.java, [...QUICK_JVM_FLAGS, '-Djdk.tls.server.enableSessionTicketExtension=false', '-cp', classes, 'JavaJudge', config], {
    // stdin stays open while we live: the JVM exits when it ends, so it never outlives us.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const judge = new StartedJavaJudge(child, new JavaTranscripts(options.pki, scenarios));
  try {
    // Generous: one JVM sets up every scenario's TLS context, on a small machine that may be busy.
    const ports = await judge.ready(options.readyTimeoutMs ?? 60_000);
    await Promise.all([...ports.values()].map((port) => waitForTls(port, 10_000, () => judge.alive)));
    judge.endpoints = scenarios.map((s) => {
      const port = ports.get(s.id);
      if (port === undefined) throw new ServerInfrastructureError('START_FAILED', `Java judge did not listen for ${s.id}`, 'java');
      return { scenario: s.id, port, origin: `https://localhost:${port}` };
    });
    return judge;
  } catch (error) {
    await judge.stop();
    if (error instanceof ServerInfrastructureError) throw error;
    throw new ServerInfrastructureError('START_FAILED', `Java judge did not start: ${(error as Error).message}\n${judge.logs()}`, 'java');
  }
}

export class StartedJavaJudge implements StartedBackend {
  endpoints: readonly ScenarioEndpoint[] = [];
  private exit: string | null = null;
  private stopped = false;
  private readonly output: string[] = [];
  private readonly exited: Promise<void>;

  constructor(private readonly child: ChildProcess, private readonly transcripts: JavaTranscripts) {
    this.exited = once(child, 'exit').then(([code, signal]) => {
      this.exit = signal ? `killed by ${String(signal)}` : `exited with code ${String(code)}`;
    });
    child.on('error', (error) => this.output.push(`spawn: ${error.message}\n`));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    let pending = '';
    child.stdout?.on('data', (d: Buffer) => {
      const lines = (pending + d.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.transcripts.accept(line.trim());
    });
  }

  transcript(scenario: string, exchange: string): HandshakeTranscript | null {
    return this.transcripts.transcript(scenario, this.endpoints.find((e) => e.scenario === scenario)?.port, exchange);
  }

  get alive(): boolean {
    return this.exit === null && this.child.pid !== undefined;
  }

  /** Waits for "READY"; returns scenario id -> port from the LISTENING lines. */
  ready(timeoutMs: number): Promise<Map<string, number>> {
    return new Promise((resolve, reject) => {
      const ports = new Map<string, number>();
      let buffered = '';
      const timer = setTimeout(() => reject(new ServerInfrastructureError('NOT_READY', `Java judge not ready after ${timeoutMs} ms\n${this.logs()}`, 'java')), timeoutMs);
      this.child.stdout?.on('data', (d: Buffer) => {
        buffered += d.toString();
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          const listening = /^LISTENING (\S+) (\d+)$/.exec(line);
          if (listening) ports.set(listening[1]!, Number(listening[2]));
          if (line === 'READY') { clearTimeout(timer); resolve(ports); }
        }
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new ServerInfrastructureError('START_FAILED', `Java judge ${this.exit} during start-up\n${this.logs()}`, 'java'));
      });
    });
  }

  resources(): BackendResources {
    return { pids: this.child.pid === undefined ? [] : [this.child.pid], containerIds: [] };
  }

  async failure(): Promise<BackendFailure | null> {
    if (this.stopped || this.alive) return null;
    return { code: 'PROCESS_EXITED', detail: `Java judge (pid ${this.child.pid}) ${this.exit ?? 'did not start'}` };
  }

  /** The JVM's stderr: request lines start with the port, as nginx's access log does. */
  logs(scenario?: string): string {
    const all = this.output.join('');
    const port = this.endpoints.find((e) => e.scenario === scenario)?.port;
    if (port === undefined) return all;
    return all.split('\n').filter((l) => !/^\d+ "/.test(l) || l.startsWith(`${port} `)).join('\n');
  }

  /** Resolves once the JVM has exited, however it ended (a test that kills it waits on this). */
  ended(): Promise<void> {
    return this.exited;
  }

  /**
   * Resolves once logs(scenario) matches `pattern`. The JVM's stderr comes on its own pipe, so
   * a request's line can arrive after its answer: this waits on that pipe's data, not the clock.
   */
  whenLogged(pattern: RegExp, scenario?: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pattern.test(this.logs(scenario))) return;
        clearTimeout(timer);
        this.child.stderr?.off('data', check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.child.stderr?.off('data', check);
        reject(new Error(`the Java judge did not log ${String(pattern)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.child.stderr?.on('data', check);
      check();
    });
  }

  /** SIGTERM, SIGKILL after a grace period; idempotent. */
  async stop(graceMs = 3000): Promise<void> {
    this.stopped = true;
    if (!this.alive) return;
    await stopChild(this.child, { graceMs });
    await this.exited;
  }
}

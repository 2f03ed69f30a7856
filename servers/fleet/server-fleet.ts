import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JAVA_SCENARIOS } from '../java/java-scenarios.js';
import { findJava, type JavaAvailability } from '../java/java-tools.js';
import { withJavaJudge, type JavaJudgeStatus } from '../java/with-java-judge.js';
import type { TestPki } from '../pki/types.js';
import { SCENARIOS, scenario as findScenario } from '../scenarios/catalog.js';
import { SERVE_ALL, SERVE_SPEC_DOWNLOADS, type DownloadPolicy } from '../scenarios/downloads.js';
import type { Scenario } from '../scenarios/types.js';
import { FleetStoppedError, ScenarioNotStartedError, ServerInfrastructureError } from '../backend-kit/errors.js';
import { DEFAULT_BIND, isLoopback, listenAddresses, plannedPorts, type FleetNetwork, type PortRange } from './network.js';
import { registerCleanup, type CleanupHandle } from '../../support/index.js';
import type { BackendName, BackendResources, HandshakeTranscript, FleetBackend, ScenarioEndpoint, StartedBackend } from '../backend-kit/types.js';
import { settledTranscript } from '../backend-kit/transcript.js';
import { TranscriptProbes } from './probed-transcripts.js';

export interface BackendOptions {
  /** testcontainers: the nginx image to use (built from the host's nginx when absent). */
  readonly image?: string;
}

/** Loaded lazily so the embedded backend never pulls in testcontainers. */
async function loadBackend(name: BackendName, options: BackendOptions): Promise<FleetBackend> {
  switch (name) {
    case 'embedded': return new (await import('../embedded/embedded-backend.js')).EmbeddedBackend();
    case 'nginx': return new (await import('../nginx/nginx-backend.js')).NginxBackend();
    case 'testcontainers':
      return new (await import('../testcontainers/testcontainers-backend.js')).TestcontainersBackend(options.image);
  }
}

/** How many ports a fixed plan needs: the scenarios', then the Java judge's when it will run (`java` available). */
export function fleetPortsNeeded(scenarioCount: number, java?: JavaAvailability): number {
  return scenarioCount + (java?.available ? JAVA_SCENARIOS.length : 0);
}

/** The fixed ports (undefined: free ports), scenarios first, then the Java judge's; FleetNetworkError naming the count when too few. */
export function fleetPortPlan(range: PortRange | undefined, scenarioCount: number, java?: JavaAvailability): number[] | undefined {
  const needed = fleetPortsNeeded(scenarioCount, java);
  return plannedPorts(range, needed, needed > scenarioCount ? `${scenarioCount} scenarios + ${needed - scenarioCount} of the Java judge` : undefined);
}

/** Builder: which backend and which scenarios. start() gives a StartedServerFleet. */
export class ServerFleet {
  private backendName: BackendName = 'embedded';
  private backendOptions: BackendOptions = {};
  private selected: readonly Scenario[] = SCENARIOS;
  private network: FleetNetwork = {};
  private javaJudge = false;

  constructor(private readonly pki: TestPki) {}

  /** Where to listen: --bind and a fixed --ports plan (fleet/network.ts); default 127.0.0.1, free ports. */
  withNetwork(network: FleetNetwork): this {
    this.network = network;
    return this;
  }

  withBackend(name: BackendName, options: BackendOptions = {}): this {
    this.backendName = name;
    this.backendOptions = options;
    return this;
  }

  /** Scenario ids to run; all of the catalog when omitted. */
  withScenarios(ids?: readonly string[]): this {
    this.selected = ids ? ids.map(findScenario) : SCENARIOS;
    return this;
  }

  /** Also run the Java judge's scenarios (servers/java) when javac is present; see javaJudge. */
  withJavaJudge(enabled = true): this {
    this.javaJudge = enabled;
    return this;
  }

  async start(): Promise<StartedServerFleet> {
    const bind = this.network.bind ?? DEFAULT_BIND;
    // Checked before anything starts: FleetNetworkError for a bad address or too few ports.
    const listen = listenAddresses(bind);
    const java = this.javaJudge ? await findJava() : undefined;
    const plan = fleetPortPlan(this.network.ports, this.selected.length, java);
    const ports = plan?.slice(0, this.selected.length);
    const javaPorts = plan?.slice(this.selected.length);
    const exposure: FleetExposure = { bind, listen, downloads: isLoopback(bind) ? SERVE_ALL : SERVE_SPEC_DOWNLOADS };
    const backend = await loadBackend(this.backendName, this.backendOptions);
    const workDir = await mkdtemp(join(tmpdir(), `voltmx-fleet-${backend.name}-`));
    const starting = (async () => {
      try {
        const started = await backend.start({
          pki: this.pki, scenarios: this.selected, workDir, listen, downloads: exposure.downloads, ...(ports ? { ports } : {}),
        });
        if (!java) return new StartedServerFleet(backend.name, started, workDir, exposure);
        const withJava = await withJavaJudge(started, { pki: this.pki, workDir, java, listen, ...(javaPorts ? { ports: javaPorts } : {}) });
        return new StartedServerFleet(backend.name, withJava.backend, workDir, exposure, withJava.status);
      } catch (error) {
        await rm(workDir, { recursive: true, force: true });
        if (error instanceof ServerInfrastructureError) throw error;
        throw new ServerInfrastructureError('START_FAILED', `${backend.name} fleet failed to start: ${(error as Error).message}`, backend.name);
      }
    })();
    // A signal or a crash mid-start: the start is let finish, then stopped (a container being
    // created would otherwise outlive the process); the folder goes either way.
    const pending = registerCleanup(`${backend.name} server fleet (starting)`, async () => {
      await (await starting.catch(() => undefined))?.stop();
      await rm(workDir, { recursive: true, force: true });
    }, { sync: () => rmSync(workDir, { recursive: true, force: true }) });
    try {
      return await starting;
    } finally {
      pending.release();
    }
  }
}

/** Where a started fleet listens and what it serves under /p12/. */
export interface FleetExposure {
  readonly bind: string;
  readonly listen: readonly string[];
  readonly downloads: DownloadPolicy;
}

export class StartedServerFleet {
  private stopped = false;
  /** The process's cleanup path stops the fleet on a signal, an uncaught error or exit. */
  private readonly cleanup: CleanupHandle;
  private readonly byScenario: ReadonlyMap<string, ScenarioEndpoint>;
  /** CertificateRequests read off probe handshakes, for backends that cannot record their own. */
  private readonly probes = new TranscriptProbes();

  constructor(
    readonly backend: BackendName,
    private readonly started: StartedBackend,
    /** Private folder of generated configuration; removed on stop(). */
    readonly workDir: string,
    readonly exposure: FleetExposure = { bind: DEFAULT_BIND, listen: [DEFAULT_BIND], downloads: SERVE_ALL },
    /** Whether the Java judge's scenarios are served too (withJavaJudge). */
    readonly javaJudge: JavaJudgeStatus = { state: 'off' },
  ) {
    this.byScenario = new Map(started.endpoints.map((e) => [e.scenario, e]));
    this.cleanup = registerCleanup(`${backend} server fleet`, async () => {
      this.stopped = true;
      try {
        await this.started.stop();
      } finally {
        await rm(this.workDir, { recursive: true, force: true });
      }
    }, { sync: () => this.killNow() });
  }

  endpoint(scenario: string): ScenarioEndpoint {
    if (this.stopped) throw new FleetStoppedError();
    const found = this.byScenario.get(scenario);
    if (!found) throw new ScenarioNotStartedError(scenario);
    return found;
  }

  url(scenario: string, path = '/whoami'): string {
    return `${this.endpoint(scenario).origin}${path}`;
  }

  endpoints(): readonly ScenarioEndpoint[] {
    return [...this.byScenario.values()];
  }

  /** Throws ServerInfrastructureError when a server died: never a conformance result. */
  async assertHealthy(): Promise<void> {
    if (this.stopped) throw new FleetStoppedError();
    const failure = await this.started.failure();
    if (failure) throw new ServerInfrastructureError(failure.code, failure.detail, this.backend);
  }

  /**
   * Classifies a failed request: an infrastructure error when the fleet is unhealthy (the
   * server died), otherwise the original error, which is the client's to explain.
   */
  async classify(error: unknown): Promise<unknown> {
    try {
      await this.assertHealthy();
      return error;
    } catch (infrastructure) {
      return infrastructure;
    }
  }

  logs(scenario?: string): string {
    return this.started.logs(scenario);
  }

  /** The handshake transcript of the request whose observation carried `exchange`; null when this backend keeps none. */
  transcript(scenario: string, exchange: string): HandshakeTranscript | null {
    return this.started.transcript?.(scenario, exchange) ?? null;
  }

  /**
   * As transcript(), waiting until `deadline` (epoch ms; default TRANSCRIPT_SETTLE_MS from now)
   * for one a backend records just after answering. A backend that keeps none answers null at once.
   * A CertificateRequest the backend took from the configuration (nginx, testcontainers, the Java
   * judge) is read off a probe handshake to the same server and protocol instead (source 'probe';
   * one probe per scenario and protocol, up to PROBE_TIMEOUT_MS more).
   */
  async settledTranscript(scenario: string, exchange: string, deadline?: number): Promise<HandshakeTranscript | null> {
    if (!this.started.transcript) return null;
    const found = await settledTranscript(() => this.transcript(scenario, exchange), deadline);
    const port = this.byScenario.get(scenario)?.port;
    return found && port !== undefined && !this.stopped ? this.probes.complete(found, port) : found;
  }

  /** Child PIDs and container ids the fleet owns (empty for the embedded backend). */
  resources(): BackendResources {
    return this.started.resources();
  }

  /** Idempotent; leaves no process, container or temp folder behind. */
  stop(): Promise<void> {
    return this.cleanup.run();
  }

  /** process.exit() fallback: SIGKILL the fleet's processes and remove its folder (containers need the async path). */
  private killNow(): void {
    for (const pid of this.started.resources().pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

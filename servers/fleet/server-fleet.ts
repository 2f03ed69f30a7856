import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withJavaJudge, type JavaJudgeStatus } from '../java/with-java-judge.js';
import type { TestPki } from '../pki/types.js';
import { SCENARIOS, scenario as findScenario } from '../scenarios/catalog.js';
import type { Scenario } from '../scenarios/types.js';
import { FleetStoppedError, ScenarioNotStartedError, ServerInfrastructureError } from './errors.js';
import { registerCleanup } from './exit-cleanup.js';
import type { BackendName, BackendResources, FleetBackend, ScenarioEndpoint, StartedBackend } from './types.js';

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

/** Builder: which backend and which scenarios. start() gives a StartedServerFleet. */
export class ServerFleet {
  private backendName: BackendName = 'embedded';
  private backendOptions: BackendOptions = {};
  private selected: readonly Scenario[] = SCENARIOS;
  private javaJudge = false;

  constructor(private readonly pki: TestPki) {}

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
    const backend = await loadBackend(this.backendName, this.backendOptions);
    const workDir = await mkdtemp(join(tmpdir(), `voltmx-fleet-${backend.name}-`));
    try {
      const started = await backend.start({ pki: this.pki, scenarios: this.selected, workDir });
      if (!this.javaJudge) return new StartedServerFleet(backend.name, started, workDir);
      const java = await withJavaJudge(started, this.pki, workDir);
      return new StartedServerFleet(backend.name, java.backend, workDir, java.status);
    } catch (error) {
      await rm(workDir, { recursive: true, force: true });
      if (error instanceof ServerInfrastructureError) throw error;
      throw new ServerInfrastructureError('START_FAILED', `${backend.name} fleet failed to start: ${(error as Error).message}`, backend.name);
    }
  }
}

export class StartedServerFleet {
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private readonly unregister: () => void;
  private readonly byScenario: ReadonlyMap<string, ScenarioEndpoint>;

  constructor(
    readonly backend: BackendName,
    private readonly started: StartedBackend,
    /** Private folder of generated configuration; removed on stop(). */
    readonly workDir: string,
    /** Whether the Java judge's scenarios are served too (withJavaJudge). */
    readonly javaJudge: JavaJudgeStatus = { state: 'off' },
  ) {
    this.byScenario = new Map(started.endpoints.map((e) => [e.scenario, e]));
    this.unregister = registerCleanup(() => this.stop());
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

  /** Child PIDs and container ids the fleet owns (empty for the embedded backend). */
  resources(): BackendResources {
    return this.started.resources();
  }

  /** Idempotent; leaves no process, container or temp folder behind. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped = true;
      this.unregister();
      try {
        await this.started.stop();
      } finally {
        await rm(this.workDir, { recursive: true, force: true });
      }
    })();
    return this.stopping;
  }
}

import { rm } from 'node:fs/promises';
import { DockerUnavailableError, ServerInfrastructureError } from '../backend-kit/errors.js';
import { freePorts, startOnPorts } from '../backend-kit/free-ports.js';
import { waitForTls } from '../backend-kit/readiness.js';
import type {
  BackendFailure, BackendPlan, BackendResources, FleetBackend, HandshakeTranscript, ScenarioEndpoint, StartedBackend,
} from '../backend-kit/types.js';
import { plannedServers, writeNginxFiles } from '../nginx/nginx-files.js';
import { filterLogsByPort, readNginxLogs } from '../nginx/nginx-process.js';
import { NginxTranscripts } from '../nginx/nginx-transcripts.js';
import { dockerAvailable } from './docker-availability.js';
import { defaultNginxImage, ImageBuildError, writeNginxBuildContext } from './nginx-image.js';

type Testcontainers = typeof import('testcontainers');
type StartedContainer = import('testcontainers').StartedTestContainer;

/**
 * Ryuk's image cannot be pulled here; the fleet removes its own containers instead. Inside a
 * container with --bridge=none testcontainers would look for the bridge gateway and then run
 * alpine to find one (a pull): every endpoint is on loopback, so the host is localhost.
 */
async function loadTestcontainers(): Promise<Testcontainers> {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
  return import('testcontainers');
}

/**
 * The nginx configuration of the nginx backend, run in a container of an image built FROM
 * scratch out of the host's nginx (never pulled). workDir is bind-mounted at the same path so
 * the generated configuration works unchanged. Host networking on Linux, mapped ports elsewhere.
 */
export class TestcontainersBackend implements FleetBackend {
  readonly name = 'testcontainers' as const;

  /** image: used as-is when present locally, else built; default from VOLTMX_NGINX_IMAGE or the host binary's hash. */
  constructor(private readonly image?: string) {}

  async start(plan: BackendPlan): Promise<StartedBackend> {
    const docker = await dockerAvailable();
    if (!docker.available) throw new DockerUnavailableError(docker.reason);
    const tc = await loadTestcontainers();
    const image = await this.ensureImage(tc);
    const hostNetwork = process.platform === 'linux';
    // On the host network a probed port can be taken before nginx binds it: pick again then.
    return startOnPorts(plan.scenarios.length, plan.ports, freePorts, (ports) => this.startOn(tc, image, hostNetwork, plan, ports));
  }

  private async startOn(tc: Testcontainers, image: string, hostNetwork: boolean, plan: BackendPlan, ports: readonly number[]): Promise<StartedBackend> {
    const servers = plannedServers(plan.scenarios, ports);
    // Behind mapped ports the container listens everywhere; docker publishes the ports.
    const listen = hostNetwork ? (plan.listen ?? '127.0.0.1') : '0.0.0.0';
    const confPath = await writeNginxFiles(plan.workDir, plan.pki, servers, listen, plan.downloads);
    let container = new tc.GenericContainer(image)
      .withCommand(['-p', plan.workDir, '-e', `${plan.workDir}/logs/error.log`, '-c', confPath])
      .withBindMounts([{ source: plan.workDir, target: plan.workDir, mode: 'rw' }])
      .withLabels({ 'org.voltmx-conformance.fleet': 'nginx' })
      .withPullPolicy({ shouldPull: () => false })
      .withStartupTimeout(20_000);
    // A fixed port plan (--ports) maps each port to the same host port.
    container = hostNetwork ? container.withNetworkMode('host')
      : container.withExposedPorts(...ports.map((port) => (plan.ports ? { container: port, host: port } : port)));
    const started = await container.start();
    const running = new StartedContainerBackend(tc, started, plan.workDir, servers.map(({ scenario, port }) => {
      const hostPort = hostNetwork ? port : started.getMappedPort(port);
      return { scenario: scenario.id, port: hostPort, origin: `https://localhost:${hostPort}` };
    }), new NginxTranscripts('testcontainers', plan.workDir, plan.pki, servers));
    try {
      await Promise.all(running.endpoints.map((e) => waitForTls(e.port, 15_000)));
    } catch (error) {
      const logs = running.logs();
      await running.stop();
      throw new ServerInfrastructureError('START_FAILED', `nginx container did not start: ${(error as Error).message}\n${logs}`, 'testcontainers');
    }
    return running;
  }

  private async ensureImage(tc: Testcontainers): Promise<string> {
    const image = this.image ?? process.env.VOLTMX_NGINX_IMAGE ?? (await defaultNginxImage());
    const client = await tc.getContainerRuntimeClient();
    if (await client.image.exists(tc.ImageName.fromString(image))) return image;
    const context = await writeNginxBuildContext();
    try {
      await tc.GenericContainer.fromDockerfile(context).build(image, { deleteOnExit: false });
      return image;
    } catch (error) {
      throw new ImageBuildError(`docker build of ${image} failed: ${(error as Error).message}`);
    } finally {
      await rm(context, { recursive: true, force: true });
    }
  }
}

class StartedContainerBackend implements StartedBackend {
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly tc: Testcontainers,
    private readonly container: StartedContainer,
    private readonly workDir: string,
    readonly endpoints: readonly ScenarioEndpoint[],
    private readonly transcripts: NginxTranscripts,
  ) {}

  transcript(scenario: string, exchange: string): HandshakeTranscript | null {
    return this.transcripts.transcript(scenario, exchange);
  }

  resources(): BackendResources {
    return { pids: [], containerIds: [this.container.getId()] };
  }

  async failure(): Promise<BackendFailure | null> {
    if (this.stopping) return null;
    const client = await this.tc.getContainerRuntimeClient();
    try {
      const info = await client.container.inspect(client.container.getById(this.container.getId()));
      if (info.State.Running) return null;
      return { code: 'CONTAINER_EXITED', detail: `nginx container ${info.State.Status} (exit code ${info.State.ExitCode})` };
    } catch (error) {
      return { code: 'CONTAINER_EXITED', detail: `nginx container is gone: ${(error as Error).message}` };
    }
  }

  logs(scenario?: string): string {
    return filterLogsByPort(readNginxLogs(this.workDir), this.endpoints.find((e) => e.scenario === scenario)?.port);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      try {
        await this.container.stop({ timeout: 3_000, remove: true, removeVolumes: true });
      } catch {
        // Already exited or half-removed: make sure it is gone.
        const client = await this.tc.getContainerRuntimeClient();
        await client.container.getById(this.container.getId()).remove({ force: true }).catch(() => undefined);
      }
    })();
    return this.stopping;
  }
}

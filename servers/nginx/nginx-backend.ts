import { access } from 'node:fs/promises';
import { freePorts, startOnPorts, type PortPicker } from '../backend-kit/free-ports.js';
import { ServerInfrastructureError } from '../backend-kit/errors.js';
import { waitForTls } from '../backend-kit/readiness.js';
import type {
  BackendFailure, BackendPlan, BackendResources, FleetBackend, HandshakeTranscript, ScenarioEndpoint, StartedBackend,
} from '../backend-kit/types.js';
import { NginxTranscripts } from './nginx-transcripts.js';
import { ECHO_MODULE, plannedServers, writeNginxFiles } from './nginx-files.js';
import { NGINX_ENV, NGINX_INSTALL, NGINX_MODULES_ENV } from '../../support/tools/index.js';
import { filterLogsByPort, NGINX_BINARY, NginxProcess } from './nginx-process.js';

/** Debian's nginx 1.22 as an unprivileged child process, one server block per scenario. */
export class NginxBackend implements FleetBackend {
  readonly name = 'nginx' as const;

  constructor(private readonly binary = NGINX_BINARY, private readonly pickPorts: PortPicker = freePorts) {}

  async start(plan: BackendPlan): Promise<StartedBackend> {
    await requireFile(this.binary, `nginx binary (${NGINX_ENV})`);
    await requireFile(ECHO_MODULE, `nginx echo module (${NGINX_MODULES_ENV})`);
    return startOnPorts(plan.scenarios.length, plan.ports, this.pickPorts, (ports) => this.startOn(plan, ports));
  }

  private async startOn(plan: BackendPlan, ports: readonly number[]): Promise<StartedBackend> {
    const servers = plannedServers(plan.scenarios, ports);
    const confPath = await writeNginxFiles(plan.workDir, plan.pki, servers, plan.listen ?? '127.0.0.1', plan.downloads);
    const nginx = NginxProcess.start(plan.workDir, confPath, this.binary);
    try {
      await Promise.all(ports.map((port) => waitForTls(port, 10_000, () => nginx.alive)));
    } catch (error) {
      await nginx.stop();
      throw new ServerInfrastructureError('START_FAILED', `nginx did not start: ${(error as Error).message}\n${nginx.logs()}`, 'nginx');
    }
    const endpoints: ScenarioEndpoint[] = servers.map(({ scenario, port }) => ({
      scenario: scenario.id, port, origin: `https://localhost:${port}`,
    }));
    return new StartedNginxBackend(nginx, endpoints, new NginxTranscripts('nginx', plan.workDir, plan.pki, servers));
  }
}

class StartedNginxBackend implements StartedBackend {
  private stopped = false;

  constructor(
    private readonly nginx: NginxProcess,
    readonly endpoints: readonly ScenarioEndpoint[],
    private readonly transcripts: NginxTranscripts,
  ) {}

  transcript(scenario: string, exchange: string): HandshakeTranscript | null {
    return this.transcripts.transcript(scenario, exchange);
  }

  resources(): BackendResources {
    return { pids: this.nginx.pid === undefined ? [] : [this.nginx.pid], containerIds: [] };
  }

  async failure(): Promise<BackendFailure | null> {
    if (this.stopped || this.nginx.alive) return null;
    return { code: 'PROCESS_EXITED', detail: `nginx (pid ${this.nginx.pid}) ${this.nginx.exitDescription()}` };
  }

  logs(scenario?: string): string {
    return filterLogsByPort(this.nginx.logs(), this.endpoints.find((e) => e.scenario === scenario)?.port);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.nginx.stop();
  }
}

async function requireFile(path: string, what: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new ServerInfrastructureError('START_FAILED', `${what} not found at ${path}; ${NGINX_INSTALL}`, 'nginx');
  }
}

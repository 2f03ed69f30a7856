import type { TestPki } from '../pki/types.js';
import type { DownloadPolicy } from '../scenarios/downloads.js';
import type { Scenario } from '../scenarios/types.js';

export type BackendName = 'embedded' | 'nginx' | 'testcontainers';

/** What a server observed about one request: the judge's view. Same shape on every backend. */
export interface ServerObservation {
  /** Scenario id of the server that answered. */
  readonly server: string;
  /** SUCCESS, NONE or FAILED:<reason>, as nginx's $ssl_client_verify. */
  readonly verify: string;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly serial: string | null;
  readonly fingerprint: string | null;
  readonly protocol: string;
  readonly sessionReused: boolean;
  readonly sni: string | null;
  /**
   * Requests served on this TCP/TLS connection so far, this one included (nginx
   * $connection_requests): 1 on a fresh connection, 2+ over a kept-alive one.
   */
  readonly connectionRequests: number;
}

/** Body of a client-auth failure (HTTP 400), nginx semantics. */
export interface ClientAuthFailure extends ServerObservation {
  readonly error: 'no-certificate' | 'certificate-error';
}

/** Body of /service (GET or POST): what the service invoker sees. */
export interface ServiceResponse {
  readonly opstatus: 0;
  readonly observation: ServerObservation;
  readonly method: string;
  /** The raw request body (UTF-8) of a POST, '' when there is none. */
  readonly echo: string;
}

export interface ScenarioEndpoint {
  readonly scenario: string;
  readonly port: number;
  /** https://localhost:<port> */
  readonly origin: string;
}

/** What a backend is asked to run: every scenario on its own loopback port. */
export interface BackendPlan {
  readonly pki: TestPki;
  readonly scenarios: readonly Scenario[];
  /** Private (0700) folder for the backend's generated files; removed by the fleet. */
  readonly workDir: string;
  /** Addresses every server listens on (fleet/network.ts listenAddresses); default 127.0.0.1. */
  readonly listen?: readonly string[];
  /** Fixed port per scenario, in `scenarios` order; default: free ports. */
  readonly ports?: readonly number[];
  /** Which scenarios serve which bundles under /p12/; default: all of them everywhere. */
  readonly downloads?: DownloadPolicy;
}

/** Why a backend is no longer serving; null while healthy. */
export interface BackendFailure {
  readonly code: 'PROCESS_EXITED' | 'CONTAINER_EXITED' | 'SERVER_CLOSED';
  readonly detail: string;
}

/** What a started backend owns outside this process (for cleanup checks and reports). */
export interface BackendResources {
  readonly pids: readonly number[];
  readonly containerIds: readonly string[];
}

export interface StartedBackend {
  readonly endpoints: readonly ScenarioEndpoint[];
  resources(): BackendResources;
  failure(): Promise<BackendFailure | null>;
  logs(scenario?: string): string;
  /** Idempotent. */
  stop(): Promise<void>;
}

export interface FleetBackend {
  readonly name: BackendName;
  start(plan: BackendPlan): Promise<StartedBackend>;
}

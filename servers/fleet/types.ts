import type { TestPki } from '../pki/types.js';

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
}

/** Body of a client-auth failure (HTTP 400), nginx semantics. */
export interface ClientAuthFailure extends ServerObservation {
  readonly error: 'no-certificate' | 'certificate-error';
}

export interface ScenarioEndpoint {
  readonly scenario: string;
  readonly port: number;
  /** https://localhost:<port> */
  readonly origin: string;
}

import { ServersError } from '../../support/errors/index.js';

/** A server that should be serving is not: an infrastructure problem, never a conformance result. */
export class ServerInfrastructureError extends ServersError {
  constructor(
    readonly code: 'PROCESS_EXITED' | 'CONTAINER_EXITED' | 'SERVER_CLOSED' | 'START_FAILED' | 'NOT_READY',
    message = 'A conformance server is not running',
    readonly backend?: string,
  ) {
    super(message);
  }
}

export class FleetStoppedError extends ServersError {
  readonly code = 'FLEET_STOPPED';
  constructor(message = 'The server fleet has been stopped') {
    super(message);
  }
}

export class ScenarioNotStartedError extends ServersError {
  readonly code = 'SCENARIO_NOT_STARTED';
  constructor(readonly scenario: string, message = `Scenario ${scenario} is not part of this fleet`) {
    super(message);
  }
}

export class DockerUnavailableError extends ServersError {
  readonly code = 'DOCKER_UNAVAILABLE';
  constructor(message = 'No docker daemon answers (start dockerd, see DEVELOPERS.md)') {
    super(message);
  }
}

/** --bind / --ports cannot work: not an IP address, a bad or too small port range. */
export class FleetNetworkError extends ServersError {
  readonly code = 'FLEET_NETWORK';
  constructor(message = 'Invalid fleet network settings') {
    super(message);
  }
}

import { HarnessError } from '../../support/errors/index.js';

/** The run could not be carried out: PKI, servers, Appium or the launcher failed. Exit code 3. */
export class RunInfrastructureError extends HarnessError {
  readonly code = 'RUN_INFRASTRUCTURE';
  constructor(readonly stage: string, detail: string, message = `${stage} failed: ${detail}`) {
    super(message);
  }
}

/** The run was asked for something that cannot be (unknown device, no spec file). Exit code 2. */
export class RunUsageError extends HarnessError {
  readonly code = 'RUN_USAGE';
  constructor(message = 'Invalid run options') {
    super(message);
  }
}

/** The run was stopped (SIGINT, SIGTERM, an aborted signal) before it could give a verdict. */
export class RunInterruptedError extends HarnessError {
  readonly code = 'RUN_INTERRUPTED';
  constructor(readonly reason = 'interrupted', message = `run interrupted (${reason}): everything it started was stopped, no report written`) {
    super(message);
  }
}

/** Errors of the WebdriverIO services (harness/wdio), each with a stable code. */
import { HarnessError } from '../../support/errors/index.js';

/** The config cannot be served: no capability names a device, a multiremote config, an unknown profile. */
export class ConformanceConfigError extends HarnessError {
  readonly code = 'WDIO_CONFIG';
  constructor(message = 'Invalid WebdriverIO config for the conformance specs') {
    super(message);
  }
}

/** A worker runs the conformance specs without the launcher service having made the run context. */
export class ConformanceLauncherMissingError extends HarnessError {
  readonly code = 'WDIO_LAUNCHER_MISSING';
  constructor(message = 'No run context in this worker: add `launcher` from voltmx-conformance/wdio to `services` (it makes the PKI and servers the specs need)') {
    super(message);
  }
}

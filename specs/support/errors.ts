import { SpecsError } from '../../support/errors/index.js';

/**
 * Errors a spec throws on purpose. The outcome classes live in the harness
 * (harness/run/outcome-errors.ts), which classifies them by class and code:
 * ConformanceFailure, RuntimeSilentFailure (the app answers, the runtime never did) and
 * node:assert failures -> fail, UnimplementedError -> unimplemented, ClientTimeoutError (the
 * device or app stopped answering) and anything else -> error.
 */
export { ClientTimeoutError, ConformanceFailure, RuntimeSilentFailure, UnimplementedError } from '../../harness/run/outcome-errors.js';

/** The scenario's server does not accept connections: infrastructure, not the client's fault. */
export class ServerUnavailableError extends SpecsError {
  readonly code = 'SERVER_UNAVAILABLE';
  constructor(readonly origin: string, message = `The conformance server at ${origin} does not accept connections`) {
    super(message);
  }
}

/** The result element did not hold what the contract promises (not JSON, a later seq): a broken app or driver. */
export class DeviceProtocolError extends SpecsError {
  readonly code = 'DEVICE_PROTOCOL';
  constructor(message: string) {
    super(message);
  }
}

/** The App was used before it was bound to the worker's session: inside a describe body instead of a hook or test. */
export class AppNotBoundError extends SpecsError {
  readonly code = 'APP_NOT_BOUND';
  constructor(message = 'The App of useApp() is bound to the device session in its before hook: use it inside hooks and tests, not while mocha collects them') {
    super(message);
  }
}

/** The device's keyboard kept damaging the typed command (the app said APP_COMMAND_DAMAGED): infrastructure. */
export class CommandDamagedError extends SpecsError {
  readonly code = 'COMMAND_DAMAGED';
  constructor(message: string) {
    super(message);
  }
}

/** The app's widgets did not appear after a launch (wrong accessibility ids, a form that never shows): infrastructure. */
export class WidgetsMissingError extends SpecsError {
  readonly code = 'WIDGETS_MISSING';
  /** `id`: the accessibility id not found. */
  constructor(readonly id: string, message: string) {
    super(message);
  }
}

/**
 * Errors a spec throws on purpose. The outcome classes live in the harness
 * (harness/run/outcome-errors.ts), which classifies them by class and code:
 * ConformanceFailure and node:assert failures -> fail, UnimplementedError -> unimplemented,
 * ClientTimeoutError (the device did not finish in time) and anything else -> error.
 */
export { ClientTimeoutError, ConformanceFailure, UnimplementedError } from '../../harness/run/outcome-errors.js';

/** The scenario's server does not accept connections: infrastructure, not the client's fault. */
export class ServerUnavailableError extends Error {
  readonly code = 'SERVER_UNAVAILABLE';
  constructor(readonly origin: string, message = `The conformance server at ${origin} does not accept connections`) {
    super(message);
    this.name = 'ServerUnavailableError';
  }
}

/** The result element did not hold what the contract promises (not JSON, a later seq): a broken app or driver. */
export class DeviceProtocolError extends Error {
  readonly code = 'DEVICE_PROTOCOL';
  constructor(message: string) {
    super(message);
    this.name = 'DeviceProtocolError';
  }
}

/** The app shows no element with one of the contract's accessibility ids (command, run, result). */
export class WidgetMissingError extends Error {
  readonly code = 'WIDGET_MISSING';
  constructor(readonly id: string, detail: string, message = `the app shows no element "${id}": ${detail}`) {
    super(message);
    this.name = 'WidgetMissingError';
  }
}

/** The App was used before it was bound to the worker's session: inside a describe body instead of a hook or test. */
export class AppNotBoundError extends Error {
  readonly code = 'APP_NOT_BOUND';
  constructor(message = 'The App of useApp() is bound to the device session in its before hook: use it inside hooks and tests, not while mocha collects them') {
    super(message);
    this.name = 'AppNotBoundError';
  }
}

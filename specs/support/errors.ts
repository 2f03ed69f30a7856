/**
 * Errors a spec throws on purpose. The harness classifies by name (harness/run/classify-error.ts):
 * UnimplementedError -> unimplemented, ClientTimeoutError -> fail; node:assert failures -> fail;
 * anything else -> error (infrastructure).
 */
export class UnimplementedError extends Error {
  readonly code = 'UNIMPLEMENTED';
  constructor(message = 'The implementation under test lacks this API') {
    super(message);
    this.name = 'UnimplementedError';
  }
}

/** The app under test never finished an action: the client hung, which is its failure. */
export class ClientTimeoutError extends Error {
  readonly code = 'CLIENT_TIMEOUT';
  constructor(message = 'The app did not finish the action in time') {
    super(message);
    this.name = 'ClientTimeoutError';
  }
}

/** The scenario's server does not accept connections: infrastructure, not the client's fault. */
export class ServerUnavailableError extends Error {
  readonly code = 'SERVER_UNAVAILABLE';
  constructor(readonly origin: string, message = `The conformance server at ${origin} does not accept connections`) {
    super(message);
    this.name = 'ServerUnavailableError';
  }
}

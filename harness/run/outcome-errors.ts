/**
 * The errors a spec throws on purpose, one class per outcome, each with a stable `code`.
 * classify-error.ts maps them to a status by class, then by code, then by the class's own
 * name (WebdriverIO's reporter may hand over a re-created plain Error with the original stack).
 */

/** The client did something the requirement forbids: a conformance failure (`fail`). */
export class ConformanceFailure extends Error {
  readonly code = 'CONFORMANCE_FAILURE';
  constructor(message = 'The implementation does not conform') {
    super(message);
    this.name = 'ConformanceFailure';
  }
}

/** The implementation under test lacks the API (`unimplemented`). */
export class UnimplementedError extends Error {
  readonly code = 'UNIMPLEMENTED';
  constructor(message = 'The implementation under test lacks this API') {
    super(message);
    this.name = 'UnimplementedError';
  }
}

/**
 * The device did not finish a command within the profile's action timeout. A slow or stuck
 * device, emulator or Appium is not a verdict about the client: an infrastructure `error`.
 */
export class ClientTimeoutError extends Error {
  readonly code = 'CLIENT_TIMEOUT';
  constructor(readonly timeoutMs: number, message = `The device did not finish the command within ${timeoutMs} ms`) {
    super(message);
    this.name = 'ClientTimeoutError';
  }
}

export const FAIL_CLASSES = [ConformanceFailure] as const;
export const UNIMPLEMENTED_CLASSES = [UnimplementedError] as const;
/** Named here so that no one mistakes them for failures; every unknown error is infrastructure too. */
export const INFRASTRUCTURE_CLASSES = [ClientTimeoutError] as const;

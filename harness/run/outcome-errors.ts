/**
 * The errors a spec throws on purpose, one class per outcome, each with a stable `code`.
 * classify-error.ts maps them to a status by class, then by code, then by the class's own
 * name (WebdriverIO's reporter may hand over a re-created plain Error with the original stack).
 */
import { HarnessError } from '../../support/errors/index.js';

/** The client did something the requirement forbids: a conformance failure (`fail`). */
export class ConformanceFailure extends HarnessError {
  readonly code = 'CONFORMANCE_FAILURE';
  constructor(message = 'The implementation does not conform') {
    super(message);
  }
}

/**
 * The runtime under test never answered within the command's deadline (a request that never
 * ended, a callback never called, a load that never returned) while the app itself still
 * answers: a conformance failure of the requirement under test (`fail`), with the deadline as
 * evidence. A device or app that stops answering altogether is ClientTimeoutError instead.
 */
export class RuntimeSilentFailure extends HarnessError {
  readonly code = 'RUNTIME_SILENT';
  constructor(readonly deadlineMs: number, message = `The runtime under test did not answer within ${deadlineMs} ms`) {
    super(message);
  }
}

/** The implementation under test lacks the API (`unimplemented`). */
export class UnimplementedError extends HarnessError {
  readonly code = 'UNIMPLEMENTED';
  constructor(message = 'The implementation under test lacks this API') {
    super(message);
  }
}

/**
 * The device did not finish a command within the profile's action timeout and then did not
 * answer a trivial command either (or its session is gone): a stuck device, emulator, app or
 * Appium is not a verdict about the client, so an infrastructure `error`.
 */
export class ClientTimeoutError extends HarnessError {
  readonly code = 'CLIENT_TIMEOUT';
  constructor(readonly timeoutMs: number, message = `The device did not finish the command within ${timeoutMs} ms`) {
    super(message);
  }
}

export const FAIL_CLASSES = [ConformanceFailure, RuntimeSilentFailure] as const;
export const UNIMPLEMENTED_CLASSES = [UnimplementedError] as const;
/** Named here so that no one mistakes them for failures; every unknown error is infrastructure too. */
export const INFRASTRUCTURE_CLASSES = [ClientTimeoutError] as const;

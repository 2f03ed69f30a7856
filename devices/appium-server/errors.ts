import { DevicesError } from '../../support/errors/index.js';

/** Errors of the Appium server lifecycle, each with a stable code. */
export class AppiumServerError extends DevicesError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export class AppiumStartError extends AppiumServerError {
  constructor(message = 'the Appium server exited before it was ready') {
    super('APPIUM_START_FAILED', message);
  }
}

export class AppiumStartTimeoutError extends AppiumServerError {
  constructor(message = 'the Appium server did not answer GET /status in time') {
    super('APPIUM_START_TIMEOUT', message);
  }
}

export class AppiumRemoteUnreachableError extends AppiumServerError {
  constructor(message = 'the remote Appium server did not answer GET /status') {
    super('APPIUM_REMOTE_UNREACHABLE', message);
  }
}

/** A requested automationName has no driver in the APPIUM_HOME the local server uses. */
export class AppiumDriverMissingError extends AppiumServerError {
  constructor(
    readonly automationNames: readonly string[],
    readonly appiumHome: string,
    message = `no Appium driver for ${automationNames.join(', ')} in ${appiumHome}`,
  ) {
    super('APPIUM_DRIVER_MISSING', message);
  }
}

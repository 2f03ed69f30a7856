import { HarnessError } from '../../support/errors/index.js';

/** An expectations file that cannot be used: wrong JSON, unknown status, unknown requirement. */
export class ExpectationsFileError extends HarnessError {
  readonly code = 'EXPECTATIONS_INVALID';
  constructor(readonly file: string, detail: string, message = `Invalid expectations file ${file}: ${detail}`) {
    super(message);
  }
}

/** Two files declare expectations for the same device. */
export class DuplicateExpectationsError extends HarnessError {
  readonly code = 'EXPECTATIONS_DUPLICATE';
  constructor(readonly device: string, message = `More than one expectations file for device ${device}`) {
    super(message);
  }
}

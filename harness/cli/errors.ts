import { HarnessError } from '../../support/errors/index.js';

/** The command line is wrong: unknown command or option, bad value. Exit code 2. */
export class UsageError extends HarnessError {
  readonly code = 'USAGE';
  constructor(message = 'Invalid command line', readonly command?: string) {
    super(message);
  }
}

/** The command line is wrong: unknown command or option, bad value. Exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message = 'Invalid command line', readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

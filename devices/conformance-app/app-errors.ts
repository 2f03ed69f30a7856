/** The app itself could not perform an action; shown as AppErrorResult.appError. */
export class AppActionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'AppActionError';
    this.code = code;
  }
}

/** Errors the broken runtimes throw on purpose (each is the defect, not a diagnostic). */
import { DevicesError } from '../../support/errors/index.js';

/** throws-on-bad-password: thrown where the API answers false. Deliberately has no errorCode. */
export class WrongPasswordThrownError extends DevicesError {
  readonly code = 'BROKEN_WRONG_PASSWORD_THROWN';
  constructor(message = 'the PKCS#12 password is wrong') {
    super(message);
  }
}

/** A catalog lookup for a name no broken runtime has. */
export class UnknownBrokenRuntimeError extends DevicesError {
  readonly code = 'BROKEN_RUNTIME_UNKNOWN';
  constructor(readonly runtime: string, message = `no broken runtime named ${runtime}`) {
    super(message);
  }
}

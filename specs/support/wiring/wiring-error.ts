import { SpecsError } from '../../../support/errors/index.js';

/** One way an app is wired wrong for the suite: one infrastructure error (exit 3) whose message names the fix. */
export type WiringCode =
  | 'WIRING_WIDGET_MISSING' | 'WIRING_KIT_VERSION' | 'WIRING_OTHER_CA' | 'WIRING_READ_FILE' | 'WIRING_PUSH_UNREADABLE'
  | 'WIRING_PUSH_ALTERED' | 'WIRING_CA_NOT_TRUSTED' | 'WIRING_FLEET_UNREACHABLE' | 'WIRING_TLS_RELAY' | 'WIRING_NO_SCENARIO' | 'WIRING_CHECK_FAILED';

export class WiringError extends SpecsError {
  constructor(readonly code: WiringCode, message: string) {
    super(message);
  }
}

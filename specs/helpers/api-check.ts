/**
 * Runs one scripted API check of the app (the api-check command) against the fleet's
 * no-client-auth server and returns its raw observations; the specs judge them.
 */
import type { ApiCheckObservations, ApiCheckResult, AppResult, StepResult } from '../../devices/conformance-app/contract.js';
import type { App } from '../support/app.js';
import { SpecsError } from '../../support/errors/index.js';

export type { ApiCheckObservations };

/** The scenario every check talks to: no client authentication, so no certificate is involved. */
export const CHECK_SCENARIO = 'no-client-auth';

export class ApiCheckNotRunError extends SpecsError {
  readonly code = 'SPEC_API_CHECK_NOT_RUN';
  constructor(check: string, result: AppResult) {
    super(`the app did not run api check "${check}": ${JSON.stringify(result)}`);
  }
}

export interface ApiCheckTarget {
  /** Path on the scenario's server for the check's url (default /whoami). */
  path?: string;
  /** A second URL (the response check's non-JSON body). */
  otherUrl?: string;
}

export async function runApiCheck<K extends keyof ApiCheckObservations>(app: App, check: K, target: ApiCheckTarget = {}): Promise<ApiCheckObservations[K]> {
  const result: StepResult = await app.run({
    action: 'api-check',
    check,
    url: app.url(CHECK_SCENARIO, target.path ?? '/whoami'),
    ...(target.otherUrl ? { otherUrl: target.otherUrl } : {}),
  });
  if (result.action !== 'api-check' || !('check' in result) || result.check !== check) throw new ApiCheckNotRunError(check, result);
  return (result as ApiCheckResult).observed as ApiCheckObservations[K];
}

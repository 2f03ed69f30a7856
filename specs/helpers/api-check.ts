/**
 * Runs one scripted API check of the app (api-check + run-api-check) against the fleet's
 * no-client-auth server and returns its raw observations; the specs judge them.
 */
import { ElementId, type ApiCheckObservations, type ApiCheckResult, type AppResult } from '../../devices/conformance-app/contract.js';
import type { App } from '../support/app.js';

export type { ApiCheckObservations };

/** The scenario every check talks to: no client authentication, so no certificate is involved. */
export const CHECK_SCENARIO = 'no-client-auth';

export class ApiCheckNotRunError extends Error {
  readonly code = 'SPEC_API_CHECK_NOT_RUN';
  constructor(check: string, result: AppResult) {
    super(`the app did not run api check "${check}": ${JSON.stringify(result)}`);
    this.name = 'ApiCheckNotRunError';
  }
}

export interface ApiCheckTarget {
  /** Path on the scenario's server for target-url (default /whoami). */
  path?: string;
  /** A second URL, typed into request-body (the response check's non-JSON body). */
  otherUrl?: string;
}

export async function runApiCheck<K extends keyof ApiCheckObservations>(app: App, check: K, target: ApiCheckTarget = {}): Promise<ApiCheckObservations[K]> {
  await app.fill({
    [ElementId.apiCheck]: check,
    [ElementId.targetUrl]: app.url(CHECK_SCENARIO, target.path ?? '/whoami'),
    [ElementId.requestBody]: target.otherUrl ?? '',
  });
  const result = await app.press(ElementId.runApiCheck);
  if (result.action !== 'api-check' || !('check' in result) || result.check !== check) throw new ApiCheckNotRunError(check, result);
  return (result as ApiCheckResult).observed as ApiCheckObservations[K];
}

/** The api-check command: runs the named scripted check against url. */
import type { VoltmxRuntime } from '../../reference/runtime/contract.js';
import { API_CHECKS, type ApiCheckName, type ApiCheckResult } from './contract.js';
import { AppActionError } from './app-errors.js';
import { errCodes, invalidState, methods, readyStates, response, type CheckInputs } from './http-api-checks.js';
import { invokeCancel } from './invoke-api-checks.js';

export type ApiCheckOutcome = Omit<ApiCheckResult, 'seq' | 'done' | 'action'>;

function checkName(text: unknown): ApiCheckName {
  const name = String(text ?? '').trim();
  if (!(API_CHECKS as readonly string[]).includes(name)) {
    throw new AppActionError('APP_UNKNOWN_CHECK', `check must be one of ${API_CHECKS.join(', ')}; got "${text}"`);
  }
  return name as ApiCheckName;
}

export async function runApiCheck(runtime: VoltmxRuntime, check: unknown, inputs: CheckInputs): Promise<ApiCheckOutcome> {
  const name = checkName(check);
  const url = String(inputs.url ?? '').trim();
  if (!/^https?:\/\//i.test(url)) throw new AppActionError('APP_BAD_TARGET', `url must be an http(s) URL; got "${inputs.url}"`);
  const at = { url, body: inputs.body };
  switch (name) {
    case 'readystates':
      return { check: name, observed: await readyStates(runtime, at) };
    case 'invalid-state':
      return { check: name, observed: await invalidState(runtime, at) };
    case 'methods':
      return { check: name, observed: await methods(runtime, at) };
    case 'response':
      return { check: name, observed: await response(runtime, at) };
    case 'err-codes':
      return { check: name, observed: await errCodes(runtime, at) };
    case 'invoke-cancel':
      return { check: name, observed: await invokeCancel(runtime, url) };
  }
}

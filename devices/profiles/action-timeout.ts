import { DevicesError } from '../../support/errors/index.js';

/** The action timeout of a profile: its default, or VOLTMX_ACTION_TIMEOUT_MS for slow devices and farms. */
export class InvalidActionTimeoutError extends DevicesError {
  readonly code = 'INVALID_ACTION_TIMEOUT';
  constructor(value: string) {
    super(`VOLTMX_ACTION_TIMEOUT_MS must be a whole number of milliseconds from 1000; got "${value}"`);
  }
}

export function actionTimeoutFrom(env: NodeJS.ProcessEnv, defaultMs: number): number {
  const text = env.VOLTMX_ACTION_TIMEOUT_MS?.trim();
  if (!text) return defaultMs;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1000) throw new InvalidActionTimeoutError(text);
  return value;
}
